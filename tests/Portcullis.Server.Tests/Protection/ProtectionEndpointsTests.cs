using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Portcullis.Core.Audit;
using Portcullis.Core.Factors.Totp;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;
using Portcullis.Core.Protection;
using Portcullis.Core.Secrets;
using Portcullis.Testing;

namespace Portcullis.Server.Tests.Protection;

public sealed class ProtectionEndpointsTests : IAsyncLifetime
{
    private TestGate _gate = null!;
    private HttpClient _client = null!;
    private Guid _userId;

    public async Task InitializeAsync()
    {
        _gate = await TestGate.StartAsync(new Dictionary<string, string?> { ["SignIn:Network:FreeAttempts"] = "1000" });
        _userId = (await _gate.CreateUserAsync("alice")).Id;
        _client = _gate.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gate.DisposeAsync();
    }

    [Fact]
    public async Task FreezeWithdrawals_IsListed_AndExplainShowsWithdrawalDeniedAsFrozen()
    {
        var token = (await _gate.SignInAsync(_client, "alice")).Token();

        var (status, freeze, _) = await _client.PostJsonAsync("/api/v1/me/freezes", new { capabilities = new[] { "withdrawals" }, reason = "travelling" }, token);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(("active", "owner"), (freeze.GetProperty("state").GetString(), freeze.GetProperty("source").GetString()));
        var (_, list, _) = await _client.GetJsonAsync("/api/v1/me/freezes", token);
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(["withdrawals"], item.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        var explained = await ExplainAsync("withdrawal.request", token);
        Assert.Equal(("deny", "frozen"), (explained.GetProperty("decision").GetString(), explained.GetProperty("reason").GetString()));
        Assert.Single(await AuditAsync(AuditEventTypes.FreezeSet));
    }

    [Fact]
    public async Task Freeze_WithUnknownCapability_IsAProblem()
    {
        var token = (await _gate.SignInAsync(_client, "alice")).Token();

        var (status, problem, _) = await _client.PostJsonAsync("/api/v1/me/freezes", new { capabilities = new[] { "margin" } }, token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(ProtectionErrors.CapabilityInvalidCode, problem.Code());
    }

    [Fact]
    public async Task LiftingAFreeze_IsTierOne_APasswordSessionIsRefused()
    {
        var token = (await _gate.SignInAsync(_client, "alice")).Token();
        var (_, freeze, _) = await _client.PostJsonAsync("/api/v1/me/freezes", new { capabilities = new[] { "all" } }, token);

        var (status, problem, _) = await _client.PostJsonAsync($"/api/v1/me/freezes/{freeze.GetProperty("id").GetString()}/lift", new { }, token);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.StartsWith("policy.", problem.Code(), StringComparison.Ordinal);
        Assert.Empty(await AuditAsync(AuditEventTypes.FreezeLiftRequested));
    }

    [Fact]
    public async Task SettingsLock_RefusesASecurityChange()
    {
        var token = (await _gate.SignInAsync(_client, "alice")).Token();

        var (status, lockView, _) = await _client.PostJsonAsync("/api/v1/me/settings-lock", new { unlock_delay_days = 7 }, token);
        var (refused, problem, _) = await _client.PostJsonAsync("/api/v1/factors/totp", new { name = "Phone" }, token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(lockView.GetProperty("on").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.Equal("policy.settings_locked", problem.Code());
        var (_, shown, _) = await _client.GetJsonAsync("/api/v1/me/settings-lock", token);
        Assert.Equal((true, 7, false), (shown.GetProperty("on").GetBoolean(), shown.GetProperty("unlock_delay_days").GetInt32(),
            shown.GetProperty("unlock_pending").GetBoolean()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    public async Task SettingsLock_WithDelayOutside1To30_IsAProblem(int days)
    {
        var token = (await _gate.SignInAsync(_client, "alice")).Token();

        var (status, problem, _) = await _client.PostJsonAsync("/api/v1/me/settings-lock", new { unlock_delay_days = days }, token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(ProtectionErrors.UnlockDelayInvalidCode, problem.Code());
    }

    [Fact]
    public async Task SettingsLock_CancelWithoutRequest_IsAProblem_AndUnlockIsTierOne()
    {
        var token = (await _gate.SignInAsync(_client, "alice")).Token();
        await _client.PostJsonAsync("/api/v1/me/settings-lock", new { unlock_delay_days = 2 }, token);

        var (cancel, problem, _) = await _client.SendAsync(HttpMethod.Delete, "/api/v1/me/settings-lock/unlock", token);
        var (unlock, _, _) = await _client.PostJsonAsync("/api/v1/me/settings-lock/unlock", new { }, token);

        Assert.Equal(HttpStatusCode.Conflict, cancel);
        Assert.Equal(ProtectionErrors.UnlockNotRequestedCode, problem.Code());
        Assert.Equal(HttpStatusCode.Forbidden, unlock);
    }

    [Fact]
    public async Task PasswordChange_StartsACooldown_VisibleThroughExplain()
    {
        var token = (await _gate.SignInAsync(_client, "alice")).Token();
        var (changed, body, _) = await _client.PostJsonAsync("/api/v1/me/password",
            new { current_password = TestGate.StrongPassword, new_password = "another-orchid-stapler-93" }, token);
        Assert.Equal(HttpStatusCode.OK, changed);
        var fresh = body.GetProperty("token").GetString()!;

        var explained = await ExplainAsync("withdrawal.request", fresh);

        Assert.Equal(("deny", "cooldown_active"), (explained.GetProperty("decision").GetString(), explained.GetProperty("reason").GetString()));
        Assert.Equal(CooldownReasons.PasswordChanged, Assert.Single(await AuditAsync(AuditEventTypes.CooldownStarted)).Code);
    }

    [Fact]
    public async Task TrustedNetworks_AddNormalisedListRemove_AndBadInputIsAProblem()
    {
        var token = (await _gate.SignInAsync(_client, "alice")).Token();

        var (created, network, _) = await _client.PostJsonAsync("/api/v1/me/trusted-networks", new { cidr = "2001:DB8::7/48", label = "home" }, token);
        var (invalid, invalidProblem, _) = await _client.PostJsonAsync("/api/v1/me/trusted-networks", new { cidr = "10.0.0.0/33", label = "x" }, token);
        var (broad, broadProblem, _) = await _client.PostJsonAsync("/api/v1/me/trusted-networks", new { cidr = "0.0.0.0/0", label = "x" }, token);

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal("2001:db8::/48", network.GetProperty("cidr").GetString());
        Assert.Equal((HttpStatusCode.BadRequest, ProtectionErrors.NetworkInvalidCode), (invalid, invalidProblem.Code()));
        Assert.Equal((HttpStatusCode.BadRequest, ProtectionErrors.NetworkTooBroadCode), (broad, broadProblem.Code()));
        var (_, list, _) = await _client.GetJsonAsync("/api/v1/me/trusted-networks", token);
        Assert.Single(list.GetProperty("items").EnumerateArray());

        var (removed, _, _) = await _client.SendAsync(HttpMethod.Delete, $"/api/v1/me/trusted-networks/{network.GetProperty("id").GetString()}", token);
        var (again, missing, _) = await _client.SendAsync(HttpMethod.Delete, $"/api/v1/me/trusted-networks/{network.GetProperty("id").GetString()}", token);

        Assert.Equal(HttpStatusCode.NoContent, removed);
        Assert.Equal((HttpStatusCode.NotFound, ProtectionErrors.NetworkNotFoundCode), (again, missing.Code()));
    }

    [Fact]
    public async Task UntrustedNetwork_OnATrustedDevice_IsDeniedForTierOne_AndNewFactorStartsTheCooldown()
    {
        var password = (await _gate.SignInAsync(_client, "alice")).Token();
        Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonAsync("/api/v1/me/trusted-networks", new { cidr = "10.0.0.0/8", label = "office" }, password)).Status);
        var secret = await EnrolTotpAsync(password);
        var token = await SignInWithTotpAsync(secret);

        var margin = await ExplainAsync("margin.change", token);
        var withdrawal = await ExplainAsync("withdrawal.request", token);

        Assert.Equal(("deny", "network_not_trusted"), (margin.GetProperty("decision").GetString(), margin.GetProperty("reason").GetString()));
        Assert.Equal(("deny", "cooldown_active"), (withdrawal.GetProperty("decision").GetString(), withdrawal.GetProperty("reason").GetString()));
        Assert.Contains(CooldownReasons.FactorAdded, (await AuditAsync(AuditEventTypes.CooldownStarted)).Select(e => e.Code));
    }

    [Fact]
    public async Task FreezeLink_FreezesTradingWithdrawalsAndApi_VisibleAfterSigningInAgain()
    {
        var path = await CreateFreezeLinkAsync();
        using (var request = new HttpRequestMessage(HttpMethod.Post, path))
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(request)).StatusCode);
        }

        var token = (await _gate.SignInAsync(_client, "alice")).Token();
        var (_, list, _) = await _client.GetJsonAsync("/api/v1/me/freezes", token);

        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal("link", item.GetProperty("source").GetString());
        Assert.Equal(["trading", "withdrawals", "api"], item.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        var order = await ExplainAsync("order.place", token);
        Assert.Equal(("deny", "frozen"), (order.GetProperty("decision").GetString(), order.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task OperatorFreeze_FreezesAnotherUser_AndAnAccountHolderIsRefused()
    {
        await _gate.CreateUserAsync("olga", role: Core.Users.UserRole.Operator);
        var olga = await SignInWithTotpAsync(await EnrolTotpAsync((await _gate.SignInAsync(_client, "olga")).Token()), "olga");
        var alice = await SignInWithTotpAsync(await EnrolTotpAsync((await _gate.SignInAsync(_client, "alice")).Token()));

        var (created, freeze, _) = await _client.PostJsonAsync($"/api/v1/admin/users/{_userId}/freezes", new { capabilities = new[] { "trading" }, reason = "case 7" }, olga);
        var (refused, problem, _) = await _client.PostJsonAsync($"/api/v1/admin/users/{_userId}/freezes", new { capabilities = new[] { "all" } }, alice);

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal("operator", freeze.GetProperty("source").GetString());
        Assert.Equal((HttpStatusCode.Forbidden, ProtectionErrors.OperatorOnlyCode), (refused, problem.Code()));
        var (_, list, _) = await _client.GetJsonAsync("/api/v1/me/freezes", alice);
        Assert.Equal(["trading"], Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));

        var (listed, operatorView, _) = await _client.GetJsonAsync($"/api/v1/admin/users/{_userId}/freezes", olga);
        Assert.Equal(HttpStatusCode.OK, listed);
        Assert.Equal(freeze.GetProperty("id").GetString(), Assert.Single(operatorView.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        var (notOperator, notOperatorProblem, _) = await _client.GetJsonAsync($"/api/v1/admin/users/{_userId}/freezes", alice);
        Assert.Equal((HttpStatusCode.Forbidden, ProtectionErrors.OperatorOnlyCode), (notOperator, notOperatorProblem.Code()));
        var (unknown, unknownProblem, _) = await _client.GetJsonAsync($"/api/v1/admin/users/{Guid.NewGuid()}/freezes", olga);
        Assert.Equal((HttpStatusCode.NotFound, "user.not_found"), (unknown, unknownProblem.Code()));
    }

    private async Task<JsonElement> ExplainAsync(string operation, string token)
    {
        var (status, body, _) = await _client.GetJsonAsync($"/api/v1/decisions/explain?operation={operation}", token);
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    private string Code(byte[] secret) => TotpCode.Compute(secret, _gate.Time.GetUtcNow());

    private async Task<byte[]> EnrolTotpAsync(string token)
    {
        var (status, enrolment, _) = await _client.PostJsonAsync("/api/v1/factors/totp", new { name = "Phone" }, token);
        Assert.Equal(HttpStatusCode.OK, status);
        var secret = Base32Encoding.ToBytes(enrolment.GetProperty("secret").GetString());
        var factorId = enrolment.GetProperty("factor").GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await _client.PostJsonAsync($"/api/v1/factors/totp/{factorId}/confirm", new { code = Code(secret) }, token)).Status);
        _gate.Time.Advance(TimeSpan.FromSeconds(30));
        return secret;
    }

    private async Task<string> SignInWithTotpAsync(byte[] secret, string username = "alice")
    {
        var (_, step, _) = await _client.PostJsonAsync("/api/v1/sign-in", new { username, password = TestGate.StrongPassword });
        var handle = step.GetProperty("flow").GetProperty("handle").GetString();
        var (status, body, _) = await _client.PostJsonAsync("/api/v1/sign-in/totp", new { flow = handle, code = Code(secret) });
        Assert.Equal(HttpStatusCode.OK, status);
        return body.Token();
    }

    private async Task<string> CreateFreezeLinkAsync()
    {
        var protector = _gate.Services.GetRequiredService<ISecretProtector>();
        var now = _gate.Time.GetUtcNow();
        var notification = new NotificationEvent
        {
            Id = Guid.CreateVersion7(now),
            UserId = _userId,
            Type = NotificationTypes.NewDevice,
            Severity = NotificationSeverity.Critical,
            Summary = "A new device signed in.",
            Data = "{}",
            CreatedAt = now,
        };
        await using var unit = await _gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        unit.Notifications.Emit(notification);
        var link = FreezeLinks.Create(unit, protector, notification, TimeSpan.FromDays(7), now);
        await unit.CommitAsync(CancellationToken.None);
        return FreezeLinks.Url(link, protector, _gate.BaseAddress)!.AbsolutePath;
    }

    private async Task<IReadOnlyList<AuditEvent>> AuditAsync(string type) =>
        (await _gate.ReadAuditAsync()).Where(e => e.Type == type).ToList();
}
