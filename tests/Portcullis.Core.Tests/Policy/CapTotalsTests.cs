using Portcullis.Core.Policy;

namespace Portcullis.Core.Tests.Policy;

public sealed class CapTotalsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid User = Guid.CreateVersion7();

    private static OperationUsage Use(string operation, TimeSpan ago, decimal? amount = null, decimal? notional = null) => new()
    {
        Id = Guid.CreateVersion7(),
        UserId = User,
        Operation = operation,
        Amount = amount,
        Notional = notional,
        At = Now - ago,
    };

    [Fact]
    public void Sum_CountsOnlyUsesOfTheCapsOperations_WithinItsWindow()
    {
        var daily = new CapQuery("rules[0].cap", ["withdrawal.*"], "amount", TimeSpan.FromHours(24));
        var weekly = new CapQuery("rules[1].cap", ["order.place"], "count", TimeSpan.FromDays(7));
        var orders = new CapQuery("rules[2].cap", ["order.*"], "notional", TimeSpan.FromHours(1));
        OperationUsage[] uses =
        [
            Use(Operations.WithdrawalRequest, TimeSpan.FromHours(1), amount: 40_000m),
            Use(Operations.WithdrawalRequest, TimeSpan.FromHours(24), amount: 10_000m), // on the window's edge: counts
            Use(Operations.WithdrawalRequest, TimeSpan.FromHours(25), amount: 70_000m), // outside the window
            Use(Operations.OrderPlace, TimeSpan.FromMinutes(5), notional: 2_500m),
            Use(Operations.OrderPlace, TimeSpan.FromDays(2), notional: 1_000m),
            Use(Operations.OrderCancel, TimeSpan.FromMinutes(1)), // no notional: adds nothing to the sum
        ];

        var totals = CapTotals.Sum([daily, weekly, orders], uses, Now);

        Assert.Equal(50_000m, totals[daily.Key]);
        Assert.Equal(2m, totals[weekly.Key]);
        Assert.Equal(2_500m, totals[orders.Key]);
        Assert.Equal(Now - TimeSpan.FromDays(7), CapTotals.Since([daily, weekly, orders], Now));
    }

    [Fact]
    public void DefaultPolicy_RefusesAWithdrawalThatTheStoredUsesWouldPushOverTheDailyCap()
    {
        var policy = PolicyLoader.Default();
        var caps = policy.CapsFor(Operations.WithdrawalRequest);
        var totals = CapTotals.Sum(caps, [Use(Operations.WithdrawalRequest, TimeSpan.FromHours(3), amount: 90_000m)], Now);
        var request = new OperationRequest { Operation = Operations.WithdrawalRequest, UserId = User, Amount = 20_000m };

        var decision = policy.Decide(request, new PolicySubject { Totals = totals, HasSecondFactor = true }, Now);

        Assert.Equal(DecisionKind.Deny, decision.Kind);
        Assert.Equal("withdrawal_limit", decision.Reason);
    }
}
