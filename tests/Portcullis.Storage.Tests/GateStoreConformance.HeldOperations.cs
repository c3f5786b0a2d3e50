using Portcullis.Core.Holds;
using Portcullis.Core.Persistence;
using Portcullis.Core.Policy;
using Portcullis.Core.Users;

namespace Portcullis.Storage.Tests;

/// <summary>Held operations: stored as written, listed while pending, and decided exactly once even when units race.</summary>
public abstract partial class GateStoreConformance
{
    private static HeldOperation NewHeld(User user, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        UserId = user.Id,
        Operation = Operations.NotificationContactAdd,
        InitiatorKind = InitiatorKind.ApiKey,
        InitiatorRef = "apikey:" + Guid.NewGuid(),
        PayloadJson = """{"channel":"email","address":"alice@example.com","label":null}""",
        Summary = "Add alert address alice@example.com (email)",
        Rule = "hold-contacts",
        Tier = "critical",
        SourceIp = "192.0.2.7",
        Amount = 12_345.678m,
        Number = 42,
        CreatedAt = at,
        ExpiresAt = at.AddMinutes(15),
    };

    [SkippableFact]
    public async Task HeldOperation_RoundTrips_AndIsListedWhilePending()
    {
        var alice = NewUser("alice");
        var held = NewHeld(alice, Start);
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.HeldOperations.Add(held);
        });

        var found = await ReadAsync(u => u.HeldOperations.FindAsync(held.Id, Ct));
        Assert.NotNull(found);
        Assert.Equal(held.PayloadJson, found.PayloadJson);
        Assert.Equal(InitiatorKind.ApiKey, found.InitiatorKind);
        Assert.Equal(HeldOperationStatus.Pending, found.Status);
        Assert.Equal(held.ExpiresAt, found.ExpiresAt);
        Assert.Equal(42, found.Number);
        Assert.Equal(12_345.678m, found.Amount);
        Assert.Null(found.Notional);
        Assert.Equal([held.Id], (await ReadAsync(u => u.HeldOperations.ListPendingForUserAsync(alice.Id, Ct))).Select(h => h.Id));
    }

    [SkippableFact]
    public async Task HeldOperation_DecidedFromManyUnitsOnTwoStores_IsDecidedOnce()
    {
        var alice = NewUser("alice");
        var held = NewHeld(alice, Start);
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.HeldOperations.Add(held);
        });
        IGateStore[] stores = [Store, BuildSecondStore()];
        var wins = 0;

        await RunAllAtOnceAsync(8, async i =>
        {
            await using var unit = await stores[i % 2].OpenAsync(Ct);
            await unit.BeginAsync(Ct);
            var status = i % 2 == 0 ? HeldOperationStatus.Executed : HeldOperationStatus.Denied;
            if (await unit.HeldOperations.TryDecideAsync(held.Id, status, Start.AddMinutes(1), Ct))
            {
                Interlocked.Increment(ref wins);
            }

            await unit.CommitAsync(Ct);
        });

        Assert.Equal(1, wins);
        var decided = await ReadAsync(u => u.HeldOperations.FindAsync(held.Id, Ct));
        Assert.NotEqual(HeldOperationStatus.Pending, decided!.Status);
        Assert.Equal(Start.AddMinutes(1), decided.DecidedAt);
        Assert.Empty(await ReadAsync(u => u.HeldOperations.ListPendingForUserAsync(alice.Id, Ct)));
    }

    [SkippableFact]
    public async Task HeldOperation_DecisionRolledBack_StaysPending()
    {
        var alice = NewUser("alice");
        var held = NewHeld(alice, Start);
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.HeldOperations.Add(held);
        });

        await using (var unit = await Store.OpenAsync(Ct))
        {
            await unit.BeginAsync(Ct);
            Assert.True(await unit.HeldOperations.TryDecideAsync(held.Id, HeldOperationStatus.Executed, Start, Ct));
        }

        Assert.Equal(HeldOperationStatus.Pending, (await ReadAsync(u => u.HeldOperations.FindAsync(held.Id, Ct)))!.Status);
    }

    [SkippableFact]
    public async Task HeldOperation_DecidedAfterAnotherDecision_IsRefused_AndKeepsItsFields()
    {
        var alice = NewUser("alice");
        var held = NewHeld(alice, Start);
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.HeldOperations.Add(held);
        });

        await using (var unit = await Store.OpenAsync(Ct))
        {
            await unit.BeginAsync(Ct);
            var tracked = await unit.HeldOperations.FindAsync(held.Id, Ct);
            Assert.True(await unit.HeldOperations.TryDecideAsync(held.Id, HeldOperationStatus.Executed, Start, Ct));
            tracked!.Status = HeldOperationStatus.Executed;
            tracked.ResultJson = """{"contact_id":"x"}""";
            await unit.CommitAsync(Ct);
        }

        await using (var unit = await Store.OpenAsync(Ct))
        {
            await unit.BeginAsync(Ct);
            Assert.False(await unit.HeldOperations.TryDecideAsync(held.Id, HeldOperationStatus.Denied, Start, Ct));
            await unit.CommitAsync(Ct);
        }

        var stored = await ReadAsync(u => u.HeldOperations.FindAsync(held.Id, Ct));
        Assert.Equal(HeldOperationStatus.Executed, stored!.Status);
        Assert.Equal("""{"contact_id":"x"}""", stored.ResultJson);
    }

    [SkippableFact]
    public async Task HeldOperations_Overdue_ListsEachUserOnce_OnlyWhilePendingAndExpired()
    {
        var alice = NewUser("alice");
        var bob = NewUser("bob");
        var first = NewHeld(alice, Start);
        var second = NewHeld(alice, Start.AddSeconds(1));
        var bobs = NewHeld(bob, Start.AddMinutes(10));
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.Users.Add(bob);
            u.HeldOperations.Add(first);
            u.HeldOperations.Add(second);
            u.HeldOperations.Add(bobs);
        });

        Assert.Empty(await ReadAsync(u => u.HeldOperations.ListUsersWithOverdueAsync(Start.AddMinutes(14), Ct)));
        Assert.Equal([alice.Id], await ReadAsync(u => u.HeldOperations.ListUsersWithOverdueAsync(Start.AddMinutes(16), Ct)));
        Assert.Equal(2, (await ReadAsync(u => u.HeldOperations.ListUsersWithOverdueAsync(Start.AddMinutes(30), Ct))).Count);
    }
}
