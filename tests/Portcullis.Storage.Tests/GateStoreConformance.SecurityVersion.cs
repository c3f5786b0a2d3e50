using Portcullis.Core.Accounts;
using Portcullis.Core.Protection;

namespace Portcullis.Storage.Tests;

/// <summary>
/// A user's security version (<c>users.security_version</c>), which <see cref="SecurityStateCache"/> keys its entries by: the
/// store's triggers move it in the same transaction as any change to the user's protection rows or memberships, whoever
/// writes; the gate never writes it.
/// </summary>
public abstract partial class GateStoreConformance
{
    [SkippableFact]
    public async Task SecurityVersion_MovesWithEveryChangeToAUsersProtectionOrMemberships_AndOnlyTheirs()
    {
        var alice = NewUser("alice");
        var bob = NewUser("bob");
        var account = NewAccount();
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.Users.Add(bob);
            u.Accounts.Add(account);
        });
        var freeze = NewFreeze(alice.Id, Start);
        var network = new TrustedNetwork { Id = Guid.NewGuid(), UserId = alice.Id, Cidr = "192.0.2.0/24", Label = "office", CreatedAt = Start };
        var steps = new (string What, Func<Task> Change)[]
        {
            ("a freeze", () => CommitAsync(u => u.Protection.AddFreeze(freeze))),
            ("a freeze's lift asked for", () => ChangeFreezeAsync(freeze.Id)),
            ("a settings lock", () => CommitAsync(u => u.Protection.AddSettingsLock(
                new SettingsLock { UserId = alice.Id, UnlockDelayDays = 7, EnabledAt = Start }))),
            ("a cool-down", () => CommitAsync(u => u.Protection.AddCooldown(
                new Cooldown { Id = Guid.NewGuid(), UserId = alice.Id, Reason = CooldownReasons.PasswordChanged, StartedAt = Start }))),
            ("a trusted network", () => CommitAsync(u => u.Protection.AddNetwork(network))),
            ("a trusted network removed", () => RemoveNetworkAsync(alice.Id)),
            ("a membership", () => CommitAsync(u => u.Accounts.AddMember(NewMember(account, alice, AccountRole.Trader)))),
            ("an account of theirs changed, by hand", () => ExecuteRawAsync("UPDATE accounts SET name = 'Renamed'")),
            ("cool-downs deleted, by hand", () => ExecuteRawAsync("DELETE FROM cooldowns")),
            ("a lift recorded in one statement", () => ReadAsync(u => u.Protection.TryCompleteLiftAsync(freeze.Id, "user:alice", Ct))),
        };

        var seen = new HashSet<long> { await VersionAsync(alice.Id) };
        var bobs = await VersionAsync(bob.Id);
        foreach (var (what, change) in steps)
        {
            await change();
            Assert.True(seen.Add(await VersionAsync(alice.Id)), $"{what}: alice's version did not move to a new value");
            Assert.Equal(bobs, await VersionAsync(bob.Id));
        }
    }

    [SkippableFact]
    public async Task SecurityVersion_StaysPut_WhenAChangeRollsBack_AndIsNeverWrittenBackByTheGate()
    {
        var alice = NewUser("alice");
        await CommitAsync(u => u.Users.Add(alice));
        var before = await VersionAsync(alice.Id);

        await using (var unit = await Store.OpenAsync(Ct))
        {
            await unit.BeginAsync(Ct);
            unit.Protection.AddFreeze(NewFreeze(alice.Id, Start));
            await unit.Throttle.LockAsync("version-test", Ct); // some statement inside the transaction, then no commit
        }

        Assert.Equal(before, await VersionAsync(alice.Id));

        // A unit holding the user from before a change, that then saves the user, keeps the change's version.
        await using var holder = await Store.OpenAsync(Ct);
        var held = await holder.Users.FindAsync(alice.Id, Ct);
        await CommitAsync(u => u.Protection.AddFreeze(NewFreeze(alice.Id, Start.AddMinutes(1))));
        var changed = await VersionAsync(alice.Id);
        Assert.NotEqual(before, changed);
        held!.DisplayName = "Alice A.";
        await holder.CommitAsync(Ct);

        Assert.Equal(changed, await VersionAsync(alice.Id));
        Assert.Equal("Alice A.", (await ReadAsync(u => u.Users.FindAsync(alice.Id, Ct)))!.DisplayName);
    }

    private async Task<long> VersionAsync(Guid userId) => (await ReadAsync(u => u.Users.FindAsync(userId, Ct)))!.SecurityVersion;

    private async Task ChangeFreezeAsync(Guid freezeId)
    {
        await using var unit = await Store.OpenAsync(Ct);
        var freeze = await unit.Protection.FindFreezeAsync(freezeId, Ct);
        freeze!.LiftRequestedAt = Start;
        freeze.LiftEffectiveAt = Start.AddHours(24);
        await unit.CommitAsync(Ct);
    }

    private async Task RemoveNetworkAsync(Guid userId)
    {
        await using var unit = await Store.OpenAsync(Ct);
        unit.Protection.RemoveNetwork((await unit.Protection.ListNetworksAsync(userId, Ct)).Single());
        await unit.CommitAsync(Ct);
    }
}
