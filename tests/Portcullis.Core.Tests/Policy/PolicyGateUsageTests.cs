using Portcullis.Core.Policy;
using Portcullis.Core.Tests.Protection;

namespace Portcullis.Core.Tests.Policy;

public sealed class PolicyGateUsageTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task PruneUsage_ForgetsUsesThatNoCapWindowReaches_AndKeepsTheRest()
    {
        await using var gate = await ProtectionFixture.StartAsync();
        var alice = await gate.CreateUserAsync();
        var now = gate.Time.GetUtcNow();
        var old = new OperationUsage { Id = Guid.CreateVersion7(), UserId = alice.Id, Operation = Operations.WithdrawalRequest, Amount = 10m, At = now.AddHours(-25) };
        var recent = new OperationUsage { Id = Guid.CreateVersion7(), UserId = alice.Id, Operation = Operations.WithdrawalRequest, Amount = 20m, At = now.AddHours(-1) };
        await gate.StageAsync(u =>
        {
            u.OperationUsage.Add(old);
            u.OperationUsage.Add(recent);
        });

        // The default policy's only cap looks back 24 hours.
        Assert.Equal(1, await gate.Get<PolicyGate>().PruneUsageAsync(Ct));

        await using var unit = await gate.Store.OpenAsync(Ct);
        Assert.Equal([recent.Id], (await unit.OperationUsage.ListSinceAsync(alice.Id, now.AddDays(-30), Ct)).Select(u => u.Id));
    }
}
