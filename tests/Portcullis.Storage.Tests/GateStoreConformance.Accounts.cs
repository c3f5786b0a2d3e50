using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Accounts;

namespace Portcullis.Storage.Tests;

public abstract partial class GateStoreConformance
{
    [SkippableFact]
    public async Task Account_AddedAndCommitted_IsFoundByNumberWithEveryField()
    {
        var account = NewAccount("PC-100001");
        await CommitAsync(u => u.Accounts.Add(account));

        var found = await ReadAsync(u => u.Accounts.FindByNumberAsync("PC-100001", Ct));

        Assert.NotNull(found);
        Assert.Equal(
            (account.Id, account.Number, account.Name, account.LegalEntity, account.Jurisdiction, account.CreatedAt),
            (found.Id, found.Number, found.Name, found.LegalEntity, found.Jurisdiction, found.CreatedAt));
        Assert.Null(await ReadAsync(u => u.Accounts.FindByNumberAsync("PC-100002", Ct)));
    }

    [SkippableFact]
    public async Task ListAccountsForUser_ReturnsMembershipsWithRoles_OrderedByNumber()
    {
        var alice = NewUser("alice");
        var bob = NewUser("bob");
        var first = NewAccount("PC-100001");
        var second = NewAccount("PC-100002");
        var bobs = NewAccount("PC-100003");
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.Users.Add(bob);
            u.Accounts.Add(second);
            u.Accounts.Add(first);
            u.Accounts.Add(bobs);
            u.Accounts.AddMember(NewMember(second, bob, AccountRole.Owner));
            u.Accounts.AddMember(NewMember(second, alice, AccountRole.Trader));
            u.Accounts.AddMember(NewMember(first, alice, AccountRole.Owner));
            u.Accounts.AddMember(NewMember(bobs, bob, AccountRole.Owner));
        });

        var listed = await ReadAsync(u => u.Accounts.ListForUserAsync(alice.Id, Ct));

        Assert.Equal(
            [("PC-100001", AccountRole.Owner), ("PC-100002", AccountRole.Trader)],
            listed.Select(m => (m.Account.Number, m.Role)));
        Assert.Equal(first.LegalEntity, listed[0].Account.LegalEntity);

        var members = await ReadAsync(u => u.Accounts.ListMembersAsync(second.Id, Ct));
        Assert.Equal(
            new[] { (bob.Id, AccountRole.Owner), (alice.Id, AccountRole.Trader) }.OrderBy(m => m.Item1),
            members.Select(m => (m.UserId, m.Role)));
        Assert.Empty(await ReadAsync(u => u.Accounts.ListMembersAsync(Guid.NewGuid(), Ct)));
    }

    [SkippableFact]
    public async Task ListAllAccountsWithMembers_ReturnsEveryAccountByNumber_WithItsMembers()
    {
        var alice = NewUser("alice");
        var bob = NewUser("bob");
        var shared = NewAccount("PC-100002");
        var alices = NewAccount("PC-100001");
        var empty = NewAccount("PC-100003");
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.Users.Add(bob);
            u.Accounts.Add(shared);
            u.Accounts.Add(empty);
            u.Accounts.Add(alices);
            u.Accounts.AddMember(NewMember(shared, bob, AccountRole.Owner));
            u.Accounts.AddMember(NewMember(shared, alice, AccountRole.Trader));
            u.Accounts.AddMember(NewMember(alices, alice, AccountRole.Owner));
        });

        var all = await ReadAsync(u => u.Accounts.ListAllWithMembersAsync(Ct));

        Assert.Equal(["PC-100001", "PC-100002", "PC-100003"], all.Select(a => a.Account.Number));
        Assert.Equal([(alice.Id, AccountRole.Owner)], all[0].Members.Select(m => (m.UserId, m.Role)));
        Assert.Equal(
            new[] { (bob.Id, AccountRole.Owner), (alice.Id, AccountRole.Trader) }.OrderBy(m => m.Item1),
            all[1].Members.Select(m => (m.UserId, m.Role)));
        Assert.Empty(all[2].Members);
    }

    [SkippableFact]
    public async Task ListAccountsForUser_WithoutMemberships_IsEmpty()
    {
        var alice = NewUser("alice");
        var bob = NewUser("bob");
        var account = NewAccount();
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.Users.Add(bob);
            u.Accounts.Add(account);
            u.Accounts.AddMember(NewMember(account, bob));
        });

        Assert.Empty(await ReadAsync(u => u.Accounts.ListForUserAsync(alice.Id, Ct)));
    }

    [SkippableFact]
    public async Task AccountMember_ForUnknownUser_IsRefused()
    {
        var account = NewAccount();
        await CommitAsync(u => u.Accounts.Add(account));

        await using (var unit = await Store.OpenAsync(Ct))
        {
            unit.Accounts.AddMember(NewMember(account, NewUser("ghost")));
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => unit.CommitAsync(Ct));
        }
    }

    [SkippableFact]
    public async Task DuplicateAccountNumber_IsRefused()
    {
        await CommitAsync(u => u.Accounts.Add(NewAccount("PC-100001")));

        await using var unit = await Store.OpenAsync(Ct);
        unit.Accounts.Add(NewAccount("PC-100001"));
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => unit.CommitAsync(Ct));
    }

    [SkippableFact]
    public async Task MaxNumber_WithoutAccounts_IsNull()
    {
        Assert.Null(await ReadAsync(u => u.Accounts.MaxNumberAsync(Ct)));
    }

    [SkippableFact]
    public async Task MaxNumber_ReturnsHighestNumber()
    {
        await CommitAsync(u =>
        {
            u.Accounts.Add(NewAccount("PC-100001"));
            u.Accounts.Add(NewAccount("PC-100003"));
            u.Accounts.Add(NewAccount("PC-100002"));
        });

        Assert.Equal("PC-100003", await ReadAsync(u => u.Accounts.MaxNumberAsync(Ct)));
    }

    /// <summary>
    /// AccountService allocates max + 1: if the 7-digit number is not the highest, the next opening takes
    /// PC-1000000 again and every later opening fails on the unique index.
    /// </summary>
    [SkippableFact]
    public async Task MaxNumber_AfterNumbersGainADigit_ReturnsNumericallyHighest()
    {
        await CommitAsync(u =>
        {
            u.Accounts.Add(NewAccount("PC-999998"));
            u.Accounts.Add(NewAccount("PC-999999"));
            u.Accounts.Add(NewAccount("PC-1000000"));
        });

        Assert.Equal("PC-1000000", await ReadAsync(u => u.Accounts.MaxNumberAsync(Ct)));
    }
}
