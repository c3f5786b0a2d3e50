using System.Net;
using Portcullis.Server.Tests.Policy;

namespace Portcullis.Server.Tests.Protection;

/// <summary>A lift carries the capabilities of the freeze it lifts, so a rule can treat lifting a withdrawals freeze apart.</summary>
public sealed class FreezeLiftPolicyTests : PolicyFileTests
{
    protected override string Rules => """
          - name: withdrawals-stay-frozen
            operations: [freeze.lift]
            when: [capability == withdrawals]
            decision: deny
            reason: ask_support
        """;

    protected override IReadOnlyList<string> OpenOperations => ["*.read", "freeze.*", "session.*"];

    private async Task<string> FreezeAsync(string token, string capability)
    {
        var (status, freeze, _) = await Client.PostJsonAsync("/api/v1/me/freezes", new { capabilities = new[] { capability } }, token);
        Assert.Equal(HttpStatusCode.Created, status);
        return freeze.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task LiftingAWithdrawalsFreeze_MatchesACapabilityRule_LiftingATradingFreezeDoesNot()
    {
        var token = (await Gate.SignInAsync(Client, "alice")).Token();
        var withdrawals = await FreezeAsync(token, "withdrawals");
        var trading = await FreezeAsync(token, "trading");

        var (refused, problem, _) = await Client.PostJsonAsync($"/api/v1/me/freezes/{withdrawals}/lift", new { }, token);
        var (asked, lift, _) = await Client.PostJsonAsync($"/api/v1/me/freezes/{trading}/lift", new { }, token);
        var (unknown, missing, _) = await Client.PostJsonAsync($"/api/v1/me/freezes/{Guid.NewGuid()}/lift", new { }, token);

        Assert.Equal((HttpStatusCode.Forbidden, "policy.ask_support"), (refused, problem.Code()));
        Assert.Equal(HttpStatusCode.OK, asked);
        Assert.Equal("lift_pending", lift.GetProperty("state").GetString());
        Assert.Equal((HttpStatusCode.NotFound, "protection.freeze_not_found"), (unknown, missing.Code()));
        var decided = (await Gate.ReadAuditAsync()).Where(e => e.Type == "policy.decided" && e.Code == "deny:ask_support").ToList();
        Assert.Contains("\"capability\":\"withdrawals\"", Assert.Single(decided).Data, StringComparison.Ordinal);
    }
}
