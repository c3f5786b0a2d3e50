using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;
using Portcullis.Testing;

namespace Portcullis.Server.Tests.Policy;

/// <summary>
/// Issue 5's acceptance row for holds, over HTTP: a policy that holds <c>notification_contact.add</c> → 202 and a held
/// operation to poll; approve on the authenticator with the right number → executed exactly once; deny → cancelled and
/// alerted; a wrong number → not executed; no answer → expired.
/// </summary>
public sealed class HeldOperationTests : PushTests
{
    private const string NewAddress = "alice.backup@example.com";

    private const string HoldingPolicy = """
        version: 1
        tiers:
          open:
            proofs: []
            unattended: allow
        rules:
          - name: hold-alert-addresses
            operations: [notification_contact.add, network.trust]
            decision: hold
          - name: everything-else
            operations: ["*.read", "*.add", "*.remove", "*.enroll", "*.revoke", "*.cancel", "*.change", "*.mark_read", "session.*", "factor.*"]
            tier: open
          - name: default-deny
            operations: ["*"]
            decision: deny
            reason: default_deny
        """;

    private readonly TempDirectory _policyDirectory = new();

    protected override Dictionary<string, string?> GateSettings()
    {
        var file = Path.Combine(_policyDirectory.Path, "policy.yaml");
        File.WriteAllText(file, HoldingPolicy);
        var settings = base.GateSettings();
        settings["Policy:File"] = file;
        settings["Policy:Holds:MaxPending"] = "2";
        settings["Policy:Holds:Lifetime"] = "00:05:00"; // shorter than the session's idle timeout
        return settings;
    }

    /// <summary>Alice's session (taken before she has a second factor) and her enrolled authenticator.</summary>
    private async Task<(string Session, Device Device)> AliceWithAuthenticatorAsync()
    {
        var session = await SessionAsync();
        var device = await EnrolAsync();
        return (session, device);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> AddContactAsync(string session,
        string address = NewAddress) =>
        await Client.PostJsonAsync("/api/v1/me/notification-contacts", new { channel = "email", address }, session);

    private async Task<(HttpStatusCode Status, JsonElement Body)> PollAsync(string session, string id, int wait = 0)
    {
        var (status, body, _) = await Client.GetJsonAsync($"/api/v1/operations/{id}?wait={wait}", session);
        return (status, body);
    }

    private async Task<int> ContactCountAsync(string address = NewAddress)
    {
        await using var unit = await Gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        return (await unit.NotificationSettings.ListContactsAsync(AliceId, CancellationToken.None)).Count(c => c.Address == address);
    }

    private async Task<(string Id, int Number)> HoldAsync(string session)
    {
        var (status, body, response) = await AddContactAsync(session);
        Assert.True(status == HttpStatusCode.Accepted, body.ToString());
        var id = body.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/operations/{id}", response.Headers.Location?.OriginalString);
        return (id, body.GetProperty("number").GetInt32());
    }

    [Fact]
    public async Task AHeldOperation_ApprovedWithTheRightNumber_IsExecutedExactlyOnce()
    {
        var (session, device) = await AliceWithAuthenticatorAsync();

        var (status, held, _) = await AddContactAsync(session);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("pending", held.GetProperty("status").GetString());
        Assert.Equal("notification_contact.add", held.GetProperty("operation").GetString());
        Assert.Contains(NewAddress, held.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.True(held.TryGetProperty("expires_at", out _));
        var id = held.GetProperty("id").GetString()!;
        var number = held.GetProperty("number").GetInt32();
        Assert.Equal("pending", (await PollAsync(session, id)).Body.GetProperty("status").GetString());
        Assert.Equal(0, await ContactCountAsync());

        var challenge = await SingleChallengeAsync(device);
        Assert.Contains(NewAddress, challenge.GetProperty("summary").GetString(), StringComparison.Ordinal);
        var approval = device.Answer(challenge, "approve", number);
        Assert.Equal(HttpStatusCode.OK, (await device.PostAnswerAsync(challenge, approval)).Status);

        var (pollStatus, done) = await PollAsync(session, id);
        Assert.Equal(HttpStatusCode.OK, pollStatus);
        Assert.Equal("executed", done.GetProperty("status").GetString());
        Assert.False(done.TryGetProperty("number", out _));
        Assert.True(done.GetProperty("result").TryGetProperty("contact_id", out _));
        Assert.Equal(1, await ContactCountAsync());

        var (replayStatus, replay) = await device.PostAnswerAsync(challenge, approval);
        Assert.Equal(HttpStatusCode.Conflict, replayStatus);
        Assert.Equal("push.already_answered", replay.Code());
        Assert.Equal(1, await ContactCountAsync());
        var audit = await Gate.ReadAuditAsync();
        Assert.Single(audit, e => e.Type == "operation.executed");
        Assert.Contains(audit, e => e.Type == "operation.held" && e.Code == "ok");
        Assert.Contains(audit, e => e.Type == "notification.contact_added");
        Assert.Equal("executed", (await PollAsync(session, id)).Body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task AHeldNetworkTrust_ShowsTheNormalisedRange_AndTrustsItOnceApproved()
    {
        var (session, device) = await AliceWithAuthenticatorAsync();

        var (status, held, _) = await Client.PostJsonAsync("/api/v1/me/trusted-networks", new { cidr = "203.0.113.77/24", label = "office" }, session);

        Assert.True(status == HttpStatusCode.Accepted, held.ToString());
        Assert.Equal("network.trust", held.GetProperty("operation").GetString());
        Assert.Contains("203.0.113.0/24", held.GetProperty("summary").GetString(), StringComparison.Ordinal);
        var (_, before, _) = await Client.GetJsonAsync("/api/v1/me/trusted-networks", session);
        Assert.Equal(0, before.GetProperty("items").GetArrayLength());

        var challenge = await SingleChallengeAsync(device);
        Assert.Equal(HttpStatusCode.OK, (await device.AnswerAsync(challenge, "approve", held.GetProperty("number").GetInt32())).Status);

        var (_, done) = await PollAsync(session, held.GetProperty("id").GetString()!);
        Assert.Equal("executed", done.GetProperty("status").GetString());
        Assert.Equal("203.0.113.0/24", done.GetProperty("result").GetProperty("cidr").GetString());
        var (_, after, _) = await Client.GetJsonAsync("/api/v1/me/trusted-networks", session);
        var network = Assert.Single(after.GetProperty("items").EnumerateArray());
        Assert.Equal("office", network.GetProperty("label").GetString());
        Assert.Contains(await Gate.ReadAuditAsync(), e => e.Type == "trusted_network.added");
    }

    [Fact]
    public async Task AMalformedNetwork_IsRefused_NotHeld()
    {
        var (session, _) = await AliceWithAuthenticatorAsync();

        var (status, problem, _) = await Client.PostJsonAsync("/api/v1/me/trusted-networks", new { cidr = "not-a-network", label = "office" }, session);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("request.invalid", problem.Code());
        Assert.DoesNotContain(await Gate.ReadAuditAsync(), e => e.Type == "operation.held");
    }

    [Fact]
    public async Task AnInitiatorLongPolling_IsAnsweredWhenTheDeviceApproves()
    {
        var (session, device) = await AliceWithAuthenticatorAsync();
        var (id, number) = await HoldAsync(session);

        var poll = PollAsync(session, id, wait: 10);
        var challenge = await SingleChallengeAsync(device);
        Assert.Equal(HttpStatusCode.OK, (await device.AnswerAsync(challenge, "approve", number)).Status);

        Assert.Equal("executed", (await poll).Body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task AHeldOperation_Denied_IsCancelled_AuditedAndAlerted()
    {
        var (session, device) = await AliceWithAuthenticatorAsync();
        var (id, _) = await HoldAsync(session);

        var challenge = await SingleChallengeAsync(device);
        Assert.Equal(HttpStatusCode.OK, (await device.AnswerAsync(challenge, "deny", null)).Status);

        var (_, body) = await PollAsync(session, id);
        Assert.Equal("denied", body.GetProperty("status").GetString());
        Assert.Equal(0, await ContactCountAsync());
        Assert.Contains(await Gate.ReadAuditAsync(), e => e.Type == "operation.denied" && e.Actor == $"device:{device.DeviceId}");
        await using var unit = await Gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        var feed = await unit.Notifications.ListForUserAsync(AliceId, 50, CancellationToken.None);
        var alert = Assert.Single(feed, n => n.Type == NotificationTypes.OperationDenied);
        Assert.Equal(NotificationSeverity.Critical, alert.Severity);
        Assert.DoesNotContain(feed, n => n.Type == NotificationTypes.PushDenied);
        Assert.Equal(0, await PushFailuresAsync());
    }

    [Fact]
    public async Task AHeldOperation_ApprovedWithTheWrongNumber_IsNotExecuted()
    {
        var (session, device) = await AliceWithAuthenticatorAsync();
        var (id, number) = await HoldAsync(session);

        var challenge = await SingleChallengeAsync(device);
        var (status, body) = await device.AnswerAsync(challenge, "approve", WrongChoice(challenge, number));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("push.wrong_number", body.Code());
        Assert.Equal("cancelled", (await PollAsync(session, id)).Body.GetProperty("status").GetString());
        Assert.Equal(0, await ContactCountAsync());
        Assert.Equal("push.already_answered", (await device.AnswerAsync(challenge, "approve", number)).Body.Code());
        Assert.Equal(0, await ContactCountAsync());
    }

    [Fact]
    public async Task AHeldOperation_NotAnsweredInTime_Expires_AndCannotBeApprovedAfterwards()
    {
        var (session, device) = await AliceWithAuthenticatorAsync();
        var (id, number) = await HoldAsync(session);
        var challenge = await SingleChallengeAsync(device);

        Gate.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal("expired", (await PollAsync(session, id)).Body.GetProperty("status").GetString());
        // Expiring the operation withdrew its challenge: a late answer finds it no longer pending.
        Assert.Equal("push.already_answered", (await device.AnswerAsync(challenge, "approve", number)).Body.Code());
        Assert.Equal(0, await ContactCountAsync());
        Assert.Contains(await Gate.ReadAuditAsync(), e => e.Type == "operation.expired");
    }

    [Fact]
    public async Task AHeldOperation_CancelledByItsInitiator_IsWithdrawnFromTheDevice()
    {
        var (session, device) = await AliceWithAuthenticatorAsync();
        var (id, _) = await HoldAsync(session);

        var (status, body, _) = await Client.SendAsync(HttpMethod.Delete, $"/api/v1/operations/{id}", session);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("cancelled", body.GetProperty("status").GetString());
        Assert.Empty((await device.ChallengesAsync()).Body.GetProperty("challenges").EnumerateArray());
        var (again, problem, _) = await Client.SendAsync(HttpMethod.Delete, $"/api/v1/operations/{id}", session);
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal("operation.not_pending", problem.Code());
    }

    [Fact]
    public async Task AnotherUsersHeldOperation_IsNotFound()
    {
        var (session, _) = await AliceWithAuthenticatorAsync();
        var (id, _) = await HoldAsync(session);
        await Gate.CreateUserAsync("bob");
        var bob = await SessionAsync("bob");

        var (status, body) = await PollAsync(bob, id);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("operation.not_found", body.Code());
        Assert.Equal("operation.not_found", (await Client.SendAsync(HttpMethod.Delete, $"/api/v1/operations/{id}", bob)).Body.Code());
    }

    [Fact]
    public async Task MoreHeldOperationsThanAllowed_AreRefused()
    {
        var (session, _) = await AliceWithAuthenticatorAsync();
        await HoldAsync(session);
        await HoldAsync(session);

        var (status, body, _) = await AddContactAsync(session);

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("operation.too_many_pending", body.Code());
    }

    [Fact]
    public async Task AHold_WithoutAnAuthenticator_IsRefusedAsApprovalUnavailable()
    {
        var session = await SessionAsync();

        var (status, body, _) = await AddContactAsync(session);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("policy.approval_unavailable", body.Code());
        Assert.Equal(0, await ContactCountAsync());
    }

    [Fact]
    public async Task AHeldRequest_WithMissingFields_IsInvalid_NotHeld()
    {
        var (session, device) = await AliceWithAuthenticatorAsync();

        var (status, body, _) = await Client.PostJsonAsync("/api/v1/me/notification-contacts", new { channel = "email" }, session);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("request.invalid", body.Code());
        Assert.Empty((await device.ChallengesAsync()).Body.GetProperty("challenges").EnumerateArray());
    }

    [Fact]
    public async Task AHeldRequest_WithAnInvalidAddress_IsInvalid_SoNoFreeTextReachesTheApprover()
    {
        var (session, device) = await AliceWithAuthenticatorAsync();

        var (status, body, _) = await AddContactAsync(session, "x@example.com) to your account. Routine check (");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("address", out _));
        Assert.Empty((await device.ChallengesAsync()).Body.GetProperty("challenges").EnumerateArray());
    }

    [Fact]
    public async Task AHeldOperationsChallenges_DoNotBlockSigningInWithPush()
    {
        var (session, device) = await AliceWithAuthenticatorAsync();
        await HoldAsync(session);
        await HoldAsync(session);

        var flow = await PasswordStepAsync();
        await SendPushAsync(flow);
        await SendPushAsync(await PasswordStepAsync());
        await SendPushAsync(await PasswordStepAsync());

        Assert.Equal(5, (await device.ChallengesAsync()).Body.GetProperty("challenges").GetArrayLength());
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _policyDirectory.Dispose();
    }
}
