using System.Net;
using Portcullis.Testing;

namespace Portcullis.Server.Tests.Protection;

/// <summary>A lift carries the capabilities of the freeze it lifts, so a rule can treat lifting a withdrawals freeze apart.</summary>
public sealed class FreezeLiftPolicyTests : IAsyncLifetime
{
    private const string LiftPolicy = """
        version: 1
        tiers:
          open:
            proofs: []
            unattended: allow
        rules:
          - name: withdrawals-stay-frozen
            operations: [freeze.lift]
            when: [capability == withdrawals]
            decision: deny
            reason: ask_support
          - name: everything-else
            operations: ["*.read", "freeze.*", "session.*"]
            tier: open
          - name: default-deny
            operations: ["*"]
            decision: deny
            reason: default_deny
        """;

    private readonly TempDirectory _directory = new();
    private TestGate _gate = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var file = Path.Combine(_directory.Path, "policy.yaml");
        await File.WriteAllTextAsync(file, LiftPolicy);
        _gate = await TestGate.StartAsync(new Dictionary<string, string?> { ["Policy:File"] = file });
        await _gate.CreateUserAsync("alice");
        _client = _gate.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gate.DisposeAsync();
        _directory.Dispose();
    }

    private async Task<string> FreezeAsync(string token, string capability)
    {
        var (status, freeze, _) = await _client.PostJsonAsync("/api/v1/me/freezes", new { capabilities = new[] { capability } }, token);
        Assert.Equal(HttpStatusCode.Created, status);
        return freeze.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task LiftingAWithdrawalsFreeze_MatchesACapabilityRule_LiftingATradingFreezeDoesNot()
    {
        var token = (await _gate.SignInAsync(_client, "alice")).Token();
        var withdrawals = await FreezeAsync(token, "withdrawals");
        var trading = await FreezeAsync(token, "trading");

        var (refused, problem, _) = await _client.PostJsonAsync($"/api/v1/me/freezes/{withdrawals}/lift", new { }, token);
        var (asked, lift, _) = await _client.PostJsonAsync($"/api/v1/me/freezes/{trading}/lift", new { }, token);
        var (unknown, missing, _) = await _client.PostJsonAsync($"/api/v1/me/freezes/{Guid.NewGuid()}/lift", new { }, token);

        Assert.Equal((HttpStatusCode.Forbidden, "policy.ask_support"), (refused, problem.Code()));
        Assert.Equal(HttpStatusCode.OK, asked);
        Assert.Equal("lift_pending", lift.GetProperty("state").GetString());
        Assert.Equal((HttpStatusCode.NotFound, "protection.freeze_not_found"), (unknown, missing.Code()));
        var decided = (await _gate.ReadAuditAsync()).Where(e => e.Type == "policy.decided" && e.Code == "deny:ask_support").ToList();
        Assert.Contains("\"capability\":\"withdrawals\"", Assert.Single(decided).Data, StringComparison.Ordinal);
    }
}
