using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Policy;
using Portcullis.Core.Protection;

namespace Portcullis.Storage.Tests;

public abstract partial class GateStoreConformance
{
    private static Freeze NewFreeze(Guid userId, DateTimeOffset at, Capability capabilities = Capability.Withdrawals) => new()
    {
        Id = Guid.CreateVersion7(at),
        UserId = userId,
        Capabilities = capabilities,
        Source = FreezeSource.Owner,
        SetBy = $"user:{userId}",
        Reason = "travelling",
        CreatedAt = at,
    };

    [SkippableFact]
    public async Task DueLifts_AreListedUntilRecorded_AndRecordedOnce()
    {
        var alice = NewUser("alice");
        var due = NewFreeze(alice.Id, Start);
        due.LiftRequestedAt = Start;
        due.LiftEffectiveAt = Start.AddHours(24);
        var later = NewFreeze(alice.Id, Start.AddMinutes(1));
        later.LiftRequestedAt = Start.AddHours(2);
        later.LiftEffectiveAt = Start.AddHours(26);
        var noLift = NewFreeze(alice.Id, Start.AddMinutes(2));
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.Protection.AddFreeze(due);
            u.Protection.AddFreeze(later);
            u.Protection.AddFreeze(noLift);
        });

        Assert.Equal([due.Id], (await ReadAsync(u => u.Protection.ListDueLiftsAsync(Start.AddHours(25), 10, Ct))).Select(f => f.Id));
        Assert.True(await ReadAsync(u => u.Protection.TryCompleteLiftAsync(due.Id, "user:alice", Ct)));
        Assert.False(await ReadAsync(u => u.Protection.TryCompleteLiftAsync(due.Id, "user:alice", Ct)));
        Assert.False(await ReadAsync(u => u.Protection.TryCompleteLiftAsync(noLift.Id, "user:alice", Ct)));

        var recorded = await ReadAsync(u => u.Protection.FindFreezeAsync(due.Id, Ct));
        Assert.Equal((due.LiftEffectiveAt, "user:alice"), (recorded!.LiftedAt, recorded.LiftedBy));
        Assert.Equal([later.Id], (await ReadAsync(u => u.Protection.ListDueLiftsAsync(Start.AddHours(30), 10, Ct))).Select(f => f.Id));
    }

    [SkippableFact]
    public async Task Freeze_RoundTripsEveryField()
    {
        var alice = NewUser("alice");
        var freeze = NewFreeze(alice.Id, Start, Capability.Trading | Capability.Api);
        freeze.LiftRequestedAt = Start.AddHours(1);
        freeze.LiftEffectiveAt = Start.AddHours(25);
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.Protection.AddFreeze(freeze);
        });

        var found = await ReadAsync(u => u.Protection.FindFreezeAsync(freeze.Id, Ct));

        Assert.NotNull(found);
        Assert.Equal(
            (freeze.UserId, Capability.Trading | Capability.Api, FreezeSource.Owner, freeze.SetBy, freeze.Reason, freeze.CreatedAt, freeze.LiftRequestedAt, freeze.LiftEffectiveAt, (DateTimeOffset?)null),
            (found.UserId, found.Capabilities, found.Source, found.SetBy, found.Reason, found.CreatedAt, found.LiftRequestedAt, found.LiftEffectiveAt, found.LiftedAt));
    }

    [SkippableFact]
    public async Task ListFreezes_ReturnsInForceAndRecentlyLifted_NewestFirst_OnlyOwn()
    {
        var alice = NewUser("alice");
        var bob = NewUser("bob");
        var active = NewFreeze(alice.Id, Start.AddHours(3));
        var pending = NewFreeze(alice.Id, Start.AddHours(2));
        pending.LiftRequestedAt = Start.AddHours(2);
        pending.LiftEffectiveAt = Start.AddDays(2);
        var liftedLongAgo = NewFreeze(alice.Id, Start.AddHours(1));
        liftedLongAgo.LiftedAt = Start.AddHours(1);
        var liftEffectiveLongAgo = NewFreeze(alice.Id, Start);
        liftEffectiveLongAgo.LiftEffectiveAt = Start.AddHours(1);
        var liftedRecently = NewFreeze(alice.Id, Start.AddHours(4));
        liftedRecently.LiftedAt = Start.AddDays(1).AddHours(1);
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.Users.Add(bob);
            u.Protection.AddFreeze(active);
            u.Protection.AddFreeze(pending);
            u.Protection.AddFreeze(liftedLongAgo);
            u.Protection.AddFreeze(liftEffectiveLongAgo);
            u.Protection.AddFreeze(liftedRecently);
            u.Protection.AddFreeze(NewFreeze(bob.Id, Start));
        });

        var list = await ReadAsync(u => u.Protection.ListFreezesAsync(alice.Id, Start.AddDays(1), Ct));

        Assert.Equal([liftedRecently.Id, active.Id, pending.Id], list.Select(f => f.Id));
    }

    [SkippableFact]
    public async Task SettingsLock_OneRowPerUser_UpdatesInPlace()
    {
        var alice = NewUser("alice");
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.Protection.AddSettingsLock(new SettingsLock { UserId = alice.Id, UnlockDelayDays = 7, EnabledAt = Start });
        });

        await using (var unit = await Store.OpenAsync(Ct))
        {
            var tracked = await unit.Protection.FindSettingsLockAsync(alice.Id, Ct);
            tracked!.UnlockRequestedAt = Start.AddHours(1);
            tracked.UnlockEffectiveAt = Start.AddDays(7).AddHours(1);
            await unit.CommitAsync(Ct);
        }

        var found = await ReadAsync(u => u.Protection.FindSettingsLockAsync(alice.Id, Ct));
        Assert.Equal((7, Start, Start.AddHours(1), Start.AddDays(7).AddHours(1)),
            (found!.UnlockDelayDays, found.EnabledAt, found.UnlockRequestedAt!.Value, found.UnlockEffectiveAt!.Value));

        await using var second = await Store.OpenAsync(Ct);
        second.Protection.AddSettingsLock(new SettingsLock { UserId = alice.Id, UnlockDelayDays = 1, EnabledAt = Start });
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => second.CommitAsync(Ct));
    }

    [SkippableFact]
    public async Task ListCooldowns_ReturnsThoseSince_NewestFirst_OnlyOwn()
    {
        var alice = NewUser("alice");
        var bob = NewUser("bob");
        Cooldown At(Guid user, DateTimeOffset at, string reason) => new() { Id = Guid.CreateVersion7(at), UserId = user, Reason = reason, StartedAt = at };
        var old = At(alice.Id, Start, CooldownReasons.PasswordChanged);
        var boundary = At(alice.Id, Start.AddHours(10), CooldownReasons.FactorAdded);
        var latest = At(alice.Id, Start.AddHours(20), CooldownReasons.Recovery);
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.Users.Add(bob);
            u.Protection.AddCooldown(old);
            u.Protection.AddCooldown(latest);
            u.Protection.AddCooldown(boundary);
            u.Protection.AddCooldown(At(bob.Id, Start.AddHours(15), CooldownReasons.DeviceTrusted));
        });

        var list = await ReadAsync(u => u.Protection.ListCooldownsAsync(alice.Id, Start.AddHours(10), Ct));

        Assert.Equal([(latest.Id, CooldownReasons.Recovery), (boundary.Id, CooldownReasons.FactorAdded)], list.Select(c => (c.Id, c.Reason)));
    }

    [SkippableFact]
    public async Task TrustedNetworks_AddListRemove_AndDuplicateCidrIsRefused()
    {
        var alice = NewUser("alice");
        TrustedNetwork Net(string cidr, DateTimeOffset at) => new() { Id = Guid.CreateVersion7(at), UserId = alice.Id, Cidr = cidr, Label = "office", CreatedAt = at };
        var office = Net("203.0.113.0/24", Start.AddMinutes(1));
        var home = Net("2001:db8::/48", Start);
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.Protection.AddNetwork(office);
            u.Protection.AddNetwork(home);
        });

        Assert.Equal([home.Id, office.Id], (await ReadAsync(u => u.Protection.ListNetworksAsync(alice.Id, Ct))).Select(n => n.Id));

        await using (var unit = await Store.OpenAsync(Ct))
        {
            var tracked = (await unit.Protection.ListNetworksAsync(alice.Id, Ct)).Single(n => n.Id == home.Id);
            unit.Protection.RemoveNetwork(tracked);
            await unit.CommitAsync(Ct);
        }

        Assert.Equal([office.Id], (await ReadAsync(u => u.Protection.ListNetworksAsync(alice.Id, Ct))).Select(n => n.Id));

        await using var duplicate = await Store.OpenAsync(Ct);
        duplicate.Protection.AddNetwork(Net("203.0.113.0/24", Start.AddMinutes(2)));
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => duplicate.CommitAsync(Ct));
    }
}
