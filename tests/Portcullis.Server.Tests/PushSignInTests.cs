using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;

namespace Portcullis.Server.Tests;

/// <summary>Signing in with a number-matched push, or with the authenticator's offline code.</summary>
public sealed class PushSignInTests : PushTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ApprovingWithTheRightNumber_SignsIn_AtAal2_WithPasswordAndPush()
    {
        var device = await EnrolAsync();
        var flow = await PasswordStepAsync();
        var push = await SendPushAsync(flow);
        var number = push.GetProperty("number").GetInt32();
        Assert.InRange(number, 10, 99);
        Assert.Equal("Phone", push.GetProperty("device_name").GetString());
        Assert.Equal(Gate.Time.GetUtcNow().AddMinutes(2), push.GetProperty("expires_at").GetDateTimeOffset());

        var challenge = await SingleChallengeAsync(device);
        Assert.Equal(push.GetProperty("challenge_id").GetString(), challenge.GetProperty("id").GetString());
        var choices = challenge.GetProperty("choices").EnumerateArray().Select(c => c.GetInt32()).ToList();
        Assert.Equal(3, choices.Distinct().Count());
        Assert.Contains(number, choices);
        Assert.Equal("Sign in to Portcullis as alice", challenge.GetProperty("summary").GetString());
        Assert.Equal("127.0.0.1", challenge.GetProperty("request_ip").GetString());
        Assert.Equal("this computer (loopback)", challenge.GetProperty("location").GetString());
        Assert.Equal("API client", challenge.GetProperty("request_device").GetString());
        Assert.Equal(Gate.Time.GetUtcNow(), challenge.GetProperty("created_at").GetDateTimeOffset());
        Assert.False(challenge.TryGetProperty("number", out _));

        var (answered, answer) = await device.AnswerAsync(challenge, "approve", number);
        Assert.Equal(HttpStatusCode.OK, answered);
        Assert.Equal("approved", answer.GetProperty("status").GetString());

        var (status, body) = await CompleteAsync(flow);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("signed_in", body.GetProperty("status").GetString());
        var session = body.GetProperty("session");
        Assert.Equal("aal2", session.GetProperty("assurance").GetString());
        var events = session.GetProperty("authentications").EnumerateArray().ToList();
        Assert.Equal(["password", "push"], events.Select(a => a.GetProperty("method").GetString()));
        Assert.Equal(device.FactorId.ToString(), events[1].GetProperty("factor_id").GetString());
        Assert.Equal(device.DeviceId.ToString(), events[1].GetProperty("device_id").GetString());
        Assert.Contains(await Gate.ReadAuditAsync(), e => e.Type == "push.answered" && e.Code == "approved");
        Assert.Equal("flow.invalid", (await CompleteAsync(flow)).Body.Code());
    }

    [Fact]
    public async Task OneApproval_FinishesTheFlowOnce_EvenWhenCompletedConcurrently()
    {
        var device = await EnrolAsync();
        var flow = await PasswordStepAsync();
        var number = (await SendPushAsync(flow)).GetProperty("number").GetInt32();
        await device.AnswerAsync(await SingleChallengeAsync(device), "approve", number);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => CompleteAsync(flow))).WaitAsync(Bound);

        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal("flow.invalid", a.Body.Code()));
        Assert.Single(await Gate.ReadAuditAsync(), e => e.Type == "signin.succeeded" &&
            JsonDocument.Parse(e.Data).RootElement.GetProperty("method").GetString() == "password+push");
    }

    [Fact]
    public async Task ALongPoll_ReturnsThePushOnceItIsSent()
    {
        var device = await EnrolAsync();
        var flow = await PasswordStepAsync();

        var polling = device.ChallengesAsync(wait: 25);
        var push = await SendPushAsync(flow);
        var (status, body) = await polling.WaitAsync(Bound);

        Assert.Equal(HttpStatusCode.OK, status);
        var challenge = Assert.Single(body.GetProperty("challenges").EnumerateArray());
        Assert.Equal(push.GetProperty("challenge_id").GetString(), challenge.GetProperty("id").GetString());
    }

    [Fact]
    public async Task ALongPoll_WithoutAPush_EndsEmpty()
    {
        var device = await EnrolAsync();

        var (status, body) = await device.ChallengesAsync(wait: 1).WaitAsync(Bound);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(body.GetProperty("challenges").EnumerateArray());
    }

    [Fact]
    public async Task Completing_BeforeAnAnswer_SaysPending_AndCanWaitForTheAnswer()
    {
        var device = await EnrolAsync();
        var flow = await PasswordStepAsync();
        var number = (await SendPushAsync(flow)).GetProperty("number").GetInt32();

        var (status, body) = await CompleteAsync(flow);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("push.pending", body.Code());
        Assert.Equal(1, body.GetProperty("retry_after").GetInt32());

        var waiting = CompleteAsync(flow, wait: 25);
        Assert.Equal(HttpStatusCode.OK, (await device.AnswerAsync(await SingleChallengeAsync(device), "approve", number)).Status);
        var (completed, signedIn) = await waiting.WaitAsync(Bound);
        Assert.Equal(HttpStatusCode.OK, completed);
        Assert.Equal("signed_in", signedIn.GetProperty("status").GetString());
        Assert.DoesNotContain(await Gate.ReadAuditAsync(), e => e.Type == "signin.failed");
    }

    [Fact]
    public async Task AWrongNumber_IsRefused_AndCountedOnThePushThrottleAndTheFlow()
    {
        var device = await EnrolAsync();
        var flow = await PasswordStepAsync();
        var number = (await SendPushAsync(flow)).GetProperty("number").GetInt32();
        var challenge = await SingleChallengeAsync(device);

        var (status, body) = await device.AnswerAsync(challenge, "approve", WrongChoice(challenge, number));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("push.wrong_number", body.Code());
        Assert.Equal(1, await PushFailuresAsync());
        Assert.Contains(await Gate.ReadAuditAsync(), e => e.Type == "push.answered" && e.Code == "wrong_number");
        var (completed, problem) = await CompleteAsync(flow);
        Assert.Equal(HttpStatusCode.Unauthorized, completed);
        Assert.Equal("push.failed", problem.Code());
        await using var unit = await Gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        var stored = await unit.PushChallenges.FindAsync(Guid.Parse(challenge.GetProperty("id").GetString()!), CancellationToken.None);
        Assert.Equal(Core.Factors.Push.PushChallengeStatus.Failed, stored!.Status);
        var storedFlow = await unit.Flows.FindAsync(stored.FlowId!.Value, CancellationToken.None);
        Assert.Equal(1, storedFlow!.Failures);
    }

    [Fact]
    public async Task TheFailureCount_IsNotResetByANewPush_OnlyByAnApproval()
    {
        var device = await EnrolAsync();
        var flow = await PasswordStepAsync();
        var number = (await SendPushAsync(flow)).GetProperty("number").GetInt32();
        var challenge = await SingleChallengeAsync(device);
        await device.AnswerAsync(challenge, "approve", WrongChoice(challenge, number));
        Assert.Equal(1, await PushFailuresAsync());

        var again = await SendPushAsync(flow);
        Assert.Equal(1, await PushFailuresAsync());
        var second = await SingleChallengeAsync(device);
        await device.AnswerAsync(second, "approve", WrongChoice(second, again.GetProperty("number").GetInt32()));
        Assert.Equal(2, await PushFailuresAsync());

        var third = await SendPushAsync(flow);
        Assert.Equal(2, await PushFailuresAsync());
        Assert.Equal(HttpStatusCode.OK, (await device.AnswerAsync(await SingleChallengeAsync(device), "approve", third.GetProperty("number").GetInt32())).Status);
        Assert.Equal(0, await PushFailuresAsync());
    }

    [Fact]
    public async Task RefusedPushes_AddADelay_ThatAskingAgainDoesNotLift()
    {
        var device = await EnrolAsync();
        for (var failure = 0; failure < 6; failure++)
        {
            var flow = await PasswordStepAsync();
            var number = (await SendPushAsync(flow)).GetProperty("number").GetInt32();
            var challenge = await SingleChallengeAsync(device);
            await device.AnswerAsync(challenge, "approve", WrongChoice(challenge, number));
        }

        Assert.Equal(6, await PushFailuresAsync());
        var handle = await PasswordStepAsync();
        var (status, body, _) = await Client.PostJsonAsync("/api/v1/sign-in/push", new { flow = handle });
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("factor.throttled", body.Code());
        Assert.Contains(await Gate.ReadAuditAsync(), e => e.Type == "push.refused" && e.Code == "throttled");

        Gate.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await Client.PostJsonAsync("/api/v1/sign-in/push", new { flow = handle })).Status);
        Assert.Equal(6, await PushFailuresAsync());
    }

    [Fact]
    public async Task Denying_FailsTheFlow_IsAudited_AndAlertsTheUser()
    {
        var device = await EnrolAsync();
        var flow = await PasswordStepAsync();
        await SendPushAsync(flow);
        var challenge = await SingleChallengeAsync(device);

        var (status, body) = await device.AnswerAsync(challenge, "deny", null);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("denied", body.GetProperty("status").GetString());
        var (completed, problem) = await CompleteAsync(flow);
        Assert.Equal(HttpStatusCode.Forbidden, completed);
        Assert.Equal("push.denied", problem.Code());
        var offline = await Client.PostJsonAsync("/api/v1/sign-in/offline-code", new { flow, code = device.OfflineCode() });
        Assert.Equal("flow.failed", offline.Body.Code());
        Assert.Equal(1, await PushFailuresAsync());
        Assert.Contains(await Gate.ReadAuditAsync(), e => e.Type == "push.denied" && e.Actor == $"device:{device.DeviceId}" && e.Subject == $"user:{AliceId}");
        await using var unit = await Gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        var alert = Assert.Single(await unit.Notifications.ListForUserAsync(AliceId, 20, CancellationToken.None), n => n.Type == "security.push_denied");
        Assert.Equal(NotificationSeverity.Critical, alert.Severity);
        Assert.Contains("127.0.0.1", alert.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFourthUnansweredPush_IsRefused()
    {
        var device = await EnrolAsync();
        for (var i = 0; i < 3; i++)
        {
            await SendPushAsync(await PasswordStepAsync());
        }

        var (status, body, _) = await Client.PostJsonAsync("/api/v1/sign-in/push", new { flow = await PasswordStepAsync() });

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("factor.challenge_pending", body.Code());
        Assert.Equal(3, (await device.ChallengesAsync()).Body.GetProperty("challenges").GetArrayLength());
        Assert.Contains(await Gate.ReadAuditAsync(), e => e.Type == "push.refused" && e.Code == "too_many_pending");
    }

    [Fact]
    public async Task AskingAgainInTheSameFlow_SendsTheSamePush()
    {
        var device = await EnrolAsync();
        var flow = await PasswordStepAsync();
        var first = await SendPushAsync(flow);

        var second = await SendPushAsync(flow);

        Assert.Equal(first.GetProperty("challenge_id").GetString(), second.GetProperty("challenge_id").GetString());
        Assert.Equal(first.GetProperty("number").GetInt32(), second.GetProperty("number").GetInt32());
        Assert.Single((await device.ChallengesAsync()).Body.GetProperty("challenges").EnumerateArray());
    }

    [Fact]
    public async Task APush_ExpiresAfterTwoMinutes()
    {
        var device = await EnrolAsync();
        var flow = await PasswordStepAsync();
        var number = (await SendPushAsync(flow)).GetProperty("number").GetInt32();
        var challenge = await SingleChallengeAsync(device);

        Gate.Time.Advance(TimeSpan.FromMinutes(2));

        Assert.Empty((await device.ChallengesAsync()).Body.GetProperty("challenges").EnumerateArray());
        var (status, body) = await device.AnswerAsync(challenge, "approve", number);
        Assert.Equal(HttpStatusCode.Gone, status);
        Assert.Equal("push.expired", body.Code());
        Assert.Contains(await Gate.ReadAuditAsync(), e => e.Type == "push.answer_rejected" && e.Code == "expired");
        Assert.Equal("push.expired", (await CompleteAsync(flow)).Body.Code());
    }

    [Fact]
    public async Task WithoutAPush_CompletingSaysSo()
    {
        var device = await EnrolAsync();
        var flow = await PasswordStepAsync();

        var (status, body) = await CompleteAsync(flow);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("push.not_sent", body.Code());
    }

    [Fact]
    public async Task AStepUp_CanBeApprovedByPush()
    {
        var device = await EnrolAsync();
        var flow = await PasswordStepAsync();
        var number = (await SendPushAsync(flow)).GetProperty("number").GetInt32();
        await device.AnswerAsync(await SingleChallengeAsync(device), "approve", number);
        var token = (await CompleteAsync(flow)).Body.Token();
        Gate.Time.Advance(TimeSpan.FromMinutes(6));

        var (_, stepUp, _) = await Client.PostJsonAsync("/api/v1/session/step-up", new { }, token);
        var handle = stepUp.GetProperty("handle").GetString()!;
        var again = (await SendPushAsync(handle)).GetProperty("number").GetInt32();
        var challenge = await SingleChallengeAsync(device);
        Assert.Equal("Confirm it is you (step-up) as alice", challenge.GetProperty("summary").GetString());
        await device.AnswerAsync(challenge, "approve", again);
        var (status, body) = await CompleteAsync(handle);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, body.GetProperty("session").GetProperty("authentications").GetArrayLength());
    }

    [Fact]
    public async Task TheOfflineCode_SignsIn_Once()
    {
        var device = await EnrolAsync();
        var code = device.OfflineCode();
        Assert.Equal(8, code.Length);

        var (status, body, _) = await Client.PostJsonAsync("/api/v1/sign-in/offline-code", new { flow = await PasswordStepAsync(), code });
        Assert.Equal(HttpStatusCode.OK, status);
        var session = body.GetProperty("session");
        Assert.Equal("aal2", session.GetProperty("assurance").GetString());
        Assert.Equal(["password", "offline_code"], session.GetProperty("authentications").EnumerateArray().Select(a => a.GetProperty("method").GetString()));

        var (replayed, problem, _) = await Client.PostJsonAsync("/api/v1/sign-in/offline-code", new { flow = await PasswordStepAsync(), code });
        Assert.Equal(HttpStatusCode.Unauthorized, replayed);
        Assert.Equal("factor.invalid", problem.Code());
        Assert.Contains(await Gate.ReadAuditAsync(), e => e.Type == "signin.failed" && e.Code == "replayed");
    }

    [Fact]
    public async Task AWrongOfflineCode_IsRefused()
    {
        var device = await EnrolAsync();
        var code = device.OfflineCode();
        var wrong = code[..7] + (code[7] == '0' ? '1' : '0');

        var (status, body, _) = await Client.PostJsonAsync("/api/v1/sign-in/offline-code", new { flow = await PasswordStepAsync(), code = wrong });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("factor.invalid", body.Code());
        Assert.Contains(await Gate.ReadAuditAsync(), e => e.Type == "signin.failed" && e.Code == "wrong_code");
    }
}
