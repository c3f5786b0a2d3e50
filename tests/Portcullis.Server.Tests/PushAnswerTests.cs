using System.Net;
using System.Text;
using System.Text.Json;
using NSec.Cryptography;
using Portcullis.Core.Factors;
using Portcullis.Core.Factors.Push;

namespace Portcullis.Server.Tests;

/// <summary>What an authenticator's requests and answers must prove, and what happens when they do not.</summary>
public sealed class PushAnswerTests : PushTests
{
    /// <summary>A device, a sign-in waiting on its push, the challenge the device sees and the number shown.</summary>
    private async Task<(Device Device, string Flow, JsonElement Challenge, int Number)> PendingPushAsync()
    {
        var device = await EnrolAsync();
        var flow = await PasswordStepAsync();
        var number = (await SendPushAsync(flow)).GetProperty("number").GetInt32();
        return (device, flow, await SingleChallengeAsync(device), number);
    }

    [Fact]
    public async Task AnApprovalSignedOverAnotherNumber_IsRefused_Audited_AndCounted()
    {
        var (device, flow, challenge, number) = await PendingPushAsync();

        var tampered = device.Answer(challenge, "approve", number, signedNumber: WrongChoice(challenge, number));
        var (status, body) = await device.PostAnswerAsync(challenge, tampered);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("push.signature_invalid", body.Code());
        Assert.Contains(await Gate.ReadAuditAsync(), e => e.Type == "push.answer_rejected" && e.Code == "bad_signature" && e.Actor == $"device:{device.DeviceId}");
        Assert.Equal(1, await PushFailuresAsync());
        Assert.Equal("push.failed", (await CompleteAsync(flow)).Body.Code());
        Assert.Equal("push.already_answered", (await device.AnswerAsync(challenge, "approve", number)).Body.Code());
    }

    [Fact]
    public async Task AnApprovalSignedWithAnotherKey_IsRefused()
    {
        var (device, _, challenge, number) = await PendingPushAsync();
        using var stranger = Key.Create(SignatureAlgorithm.Ed25519);

        var (status, body) = await device.PostAnswerAsync(challenge, device.Answer(challenge, "approve", number, key: stranger));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("push.signature_invalid", body.Code());
    }

    [Fact]
    public async Task AReplayedApproval_IsRefused_AndAudited()
    {
        var (device, flow, challenge, number) = await PendingPushAsync();
        var approval = device.Answer(challenge, "approve", number);
        Assert.Equal(HttpStatusCode.OK, (await device.PostAnswerAsync(challenge, approval)).Status);
        Assert.Equal(HttpStatusCode.OK, (await CompleteAsync(flow)).Status);

        var (status, body) = await device.PostAnswerAsync(challenge, approval);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("push.already_answered", body.Code());
        Assert.Contains(await Gate.ReadAuditAsync(), e => e.Type == "push.answer_rejected" && e.Code == "replayed");
    }

    [Fact]
    public async Task AnApprovalForOneChallenge_DoesNotApproveAnother()
    {
        var (device, _, first, number) = await PendingPushAsync();
        var second = (await SendPushAsync(await PasswordStepAsync())).GetProperty("challenge_id").GetString();
        var other = (await device.ChallengesAsync()).Body.GetProperty("challenges").EnumerateArray().Single(c => c.GetProperty("id").GetString() == second);

        var (status, body) = await device.PostAnswerAsync(other, device.Answer(first, "approve", number));

        Assert.Equal("push.signature_invalid", body.Code());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
    }

    [Fact]
    public async Task AnAnswerFromARevokedDevice_IsRefused_AndAudited()
    {
        var (device, flow, challenge, number) = await PendingPushAsync();
        await ChangeStoreAsync(async unit => (await unit.Devices.FindAsync(device.DeviceId, CancellationToken.None))!.RevokedAt = Gate.Time.GetUtcNow());

        var (status, body) = await device.AnswerAsync(challenge, "approve", number);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("authenticator.revoked", body.Code());
        Assert.Equal("authenticator.revoked", (await device.ChallengesAsync()).Body.Code());
        Assert.Contains(await Gate.ReadAuditAsync(), e => e.Type == "authenticator.refused" && e.Code == "revoked" && e.Subject == $"device:{device.DeviceId}");
        Assert.Equal("push.pending", (await CompleteAsync(flow)).Body.Code());
    }

    [Fact]
    public async Task AnAnswerAfterThePushFactorWasRemoved_IsRefused()
    {
        var (device, _, challenge, number) = await PendingPushAsync();
        await ChangeStoreAsync(async unit =>
        {
            var factor = await unit.Factors.FindAsync(device.FactorId, CancellationToken.None);
            FactorService.Remove(unit, factor!, "test", null, "removed_by_test", Gate.Time.GetUtcNow());
        });

        var (status, body) = await device.AnswerAsync(challenge, "approve", number);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("authenticator.revoked", body.Code());
    }

    [Fact]
    public async Task ADeviceCannotAnswerAnotherUsersPush()
    {
        var (device, _, challenge, number) = await PendingPushAsync();
        await Gate.CreateUserAsync("bob");
        var bobs = await EnrolAsync("Bob's phone", "bob");

        var (status, body) = await bobs.AnswerAsync(challenge, "approve", number);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("push.not_found", body.Code());
        Assert.Contains(await Gate.ReadAuditAsync(), e => e.Type == "push.answer_rejected" && e.Code == "not_found" && e.Actor == $"device:{bobs.DeviceId}");
    }

    [Fact]
    public async Task ADeviceRequest_WithoutASignature_IsUnauthorized()
    {
        var device = await EnrolAsync();

        var (status, body, response) = await Client.GetJsonAsync("/api/v1/authenticators/me/challenges");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("authenticator.unauthorized", body.Code());
        Assert.Equal("PortcullisDevice", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task ABodyChangedAfterSigning_IsUnauthorized_AndAudited()
    {
        var (device, _, challenge, number) = await PendingPushAsync();
        var signed = JsonSerializer.SerializeToUtf8Bytes(device.Answer(challenge, "approve", number));
        var changed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(signed).Replace($"\"number\":{number}", $"\"number\":{WrongChoice(challenge, number)}", StringComparison.Ordinal));

        var (status, body) = await device.SendAsync(HttpMethod.Post, $"/api/v1/authenticators/me/challenges/{challenge.GetProperty("id").GetString()}", signed,
            sentBody: changed);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("authenticator.unauthorized", body.Code());
        Assert.Contains(await Gate.ReadAuditAsync(), e => e.Type == "authenticator.refused" && e.Code == "bad_signature");
        Assert.Equal(HttpStatusCode.OK, (await device.AnswerAsync(challenge, "approve", number)).Status);
    }

    [Fact]
    public async Task ARequestSignedForAnotherPathOrKey_IsUnauthorized()
    {
        var device = await EnrolAsync();
        const string Target = "/api/v1/authenticators/me/challenges?wait=0";
        Assert.Equal(HttpStatusCode.OK, (await device.SendAsync(HttpMethod.Get, Target)).Status);

        var (moved, movedBody) = await device.SendAsync(HttpMethod.Get, Target, sentTarget: "/api/v1/authenticators/me/challenges?wait=1");
        using var other = Key.Create(SignatureAlgorithm.Ed25519);
        var (foreign, foreignBody) = await device.SendAsync(HttpMethod.Get, Target, key: other);

        Assert.Equal(HttpStatusCode.Unauthorized, moved);
        Assert.Equal("authenticator.unauthorized", movedBody.Code());
        Assert.Equal(HttpStatusCode.Unauthorized, foreign);
        Assert.Equal("authenticator.unauthorized", foreignBody.Code());
    }

    [Theory]
    [InlineData(-61)]
    [InlineData(61)]
    public async Task ARequestOutsideTheClockWindow_IsRefused(int offsetSeconds)
    {
        var device = await EnrolAsync();

        var (status, body) = await device.SendAsync(HttpMethod.Get, "/api/v1/authenticators/me/challenges",
            timestamp: Gate.Time.GetUtcNow().ToUnixTimeSeconds() + offsetSeconds);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("authenticator.clock_skew", body.Code());
    }

    [Fact]
    public async Task AnUnknownDevice_IsUnauthorized()
    {
        var device = await EnrolAsync();

        var (status, body) = await device.SendAsync(HttpMethod.Get, "/api/v1/authenticators/me/challenges", deviceId: Guid.NewGuid());

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("authenticator.unauthorized", body.Code());
    }

    [Fact]
    public async Task AnAnswerWithoutANumber_IsInvalid_AndLeavesThePushPending()
    {
        var (device, flow, challenge, _) = await PendingPushAsync();

        var (status, body) = await device.AnswerAsync(challenge, "approve", null);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("request.invalid", body.Code());
        Assert.Equal("push.pending", (await CompleteAsync(flow)).Body.Code());
    }

    [Fact]
    public void DeviceSignatures_FollowTheDocumentedFormat()
    {
        var message = PushProtocol.AnswerMessage(Guid.Parse("0192f0e4-5a6b-7c8d-9e0f-a1b2c3d4e5f6"), [1, 2, 3], "approve", 42, "Sign in to Portcullis as alice");

        Assert.Equal("portcullis-push-v1\n0192f0e4-5a6b-7c8d-9e0f-a1b2c3d4e5f6\nAQID\napprove\n42\nSign in to Portcullis as alice", Encoding.UTF8.GetString(message));
        Assert.Equal("portcullis-device-v1\nGET\n/api/v1/authenticators/me/challenges?wait=25\n1793611800\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            Encoding.UTF8.GetString(PushProtocol.DeviceRequestMessage("get", "/api/v1/authenticators/me/challenges?wait=25", 1793611800, PushProtocol.BodyHash([]))));
    }
}
