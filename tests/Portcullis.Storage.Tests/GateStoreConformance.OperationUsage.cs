using Portcullis.Core.Policy;

namespace Portcullis.Storage.Tests;

/// <summary>Uses of capped operations: listed by user and time, a reservation removed once, old uses pruned.</summary>
public abstract partial class GateStoreConformance
{
    private static OperationUsage NewUse(Guid userId, DateTimeOffset at, decimal? amount = null) => new()
    {
        Id = Guid.CreateVersion7(at),
        UserId = userId,
        Operation = Operations.WithdrawalRequest,
        Amount = amount,
        At = at,
    };

    [SkippableFact]
    public async Task OperationUsage_IsListedByUserSinceATime_WithExactAmounts()
    {
        var alice = NewUser("alice");
        var bob = NewUser("bob");
        var old = NewUse(alice.Id, Start.AddHours(-25), 1m);
        var recent = NewUse(alice.Id, Start.AddHours(-1), 99_999.12345678m);
        var bobs = NewUse(bob.Id, Start, 5m);
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.Users.Add(bob);
            u.OperationUsage.Add(old);
            u.OperationUsage.Add(recent);
            u.OperationUsage.Add(bobs);
        });

        var listed = await ReadAsync(u => u.OperationUsage.ListSinceAsync(alice.Id, Start.AddHours(-24), Ct));

        var use = Assert.Single(listed);
        Assert.Equal(recent.Id, use.Id);
        Assert.Equal(99_999.12345678m, use.Amount);
        Assert.Equal(Operations.WithdrawalRequest, use.Operation);
        Assert.Equal(recent.At, use.At);
    }

    [SkippableFact]
    public async Task OperationUsage_ReservationIsRemovedOnce_AndOldUsesArePruned()
    {
        var alice = NewUser("alice");
        var reserved = NewUse(alice.Id, Start);
        var old = NewUse(alice.Id, Start.AddDays(-3));
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.OperationUsage.Add(reserved);
            u.OperationUsage.Add(old);
        });

        Assert.True(await ReadAsync(u => u.OperationUsage.RemoveAsync(reserved.Id, Ct)));
        Assert.False(await ReadAsync(u => u.OperationUsage.RemoveAsync(reserved.Id, Ct)));
        Assert.Equal(1, await ReadAsync(u => u.OperationUsage.PruneAsync(Start.AddDays(-1), Ct)));
        Assert.Empty(await ReadAsync(u => u.OperationUsage.ListSinceAsync(alice.Id, Start.AddDays(-10), Ct)));
    }
}
