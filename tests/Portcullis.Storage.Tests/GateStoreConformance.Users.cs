using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Users;

namespace Portcullis.Storage.Tests;

public abstract partial class GateStoreConformance
{
    [SkippableFact]
    public async Task User_AddedAndCommitted_IsFoundByIdWithEveryField()
    {
        var user = NewUser("alice", UserRole.Operator);
        user.PasswordChangeRequired = true;
        user.PasswordChangedAt = Start.AddMinutes(1);
        user.Status = UserStatus.Disabled;
        user.DisabledAt = Start.AddMinutes(2);
        await CommitAsync(u => u.Users.Add(user));

        var found = await ReadAsync(u => u.Users.FindAsync(user.Id, Ct));

        Assert.NotNull(found);
        Assert.Equal(
            (user.Id, user.Username, user.DisplayName, user.Role, user.Status, user.PasswordHash, true, user.CreatedAt, user.PasswordChangedAt, user.DisabledAt),
            (found.Id, found.Username, found.DisplayName, found.Role, found.Status, found.PasswordHash, found.PasswordChangeRequired, found.CreatedAt, found.PasswordChangedAt, found.DisabledAt));
    }

    [SkippableFact]
    public async Task FindUser_WithUnknownId_ReturnsNull()
    {
        await CommitAsync(u => u.Users.Add(NewUser("alice")));

        Assert.Null(await ReadAsync(u => u.Users.FindAsync(Guid.NewGuid(), Ct)));
    }

    [SkippableFact]
    public async Task FindByUsername_WithNormalisedName_FindsUser()
    {
        var user = NewUser("Alice");
        await CommitAsync(u => u.Users.Add(user));

        var found = await ReadAsync(u => u.Users.FindByUsernameAsync(Username.Normalize(" ＡＬＩＣＥ "), Ct));

        Assert.Equal(user.Id, found?.Id);
    }

    [SkippableFact]
    public async Task FindByUsername_ComparesExactly_CallersNormalise()
    {
        await CommitAsync(u => u.Users.Add(NewUser("alice")));

        Assert.Null(await ReadAsync(u => u.Users.FindByUsernameAsync("ALICE", Ct)));
        Assert.Null(await ReadAsync(u => u.Users.FindByUsernameAsync("alice ", Ct)));
    }

    [SkippableFact]
    public async Task DuplicateUsername_FailsWithoutHalfWriting()
    {
        var alice = NewUser("alice");
        await CommitAsync(u => u.Users.Add(alice));

        await using (var unit = await Store.OpenAsync(Ct))
        {
            unit.Users.Add(NewUser("carol"));
            unit.Users.Add(NewUser("alice"));
            unit.Audit.Append(NewRecord(1));
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => unit.CommitAsync(Ct));
        }

        Assert.Equal([alice.Id], (await ReadAsync(u => u.Users.ListAsync(Ct))).Select(u => u.Id));
        Assert.Empty(await ReadAuditAsync());
        Assert.Equal(0, (await ReadAsync(u => u.Audit.GetHeadAsync(Ct)))?.Sequence);
    }

    [SkippableFact]
    public async Task ListUsers_OrdersByUsernameOrdinally()
    {
        string[] names = ["mallory", "bob_1", "alice", "bob.2", "9lives", "bob", "bob-3", "zoe"];
        await CommitAsync(u =>
        {
            foreach (var name in names)
            {
                u.Users.Add(NewUser(name));
            }
        });

        var listed = await ReadAsync(u => u.Users.ListAsync(Ct));

        Assert.Equal(names.Order(StringComparer.Ordinal), listed.Select(u => u.Username));
    }

    [SkippableFact]
    public async Task AnyOperator_OnEmptyStore_IsFalse()
    {
        Assert.False(await ReadAsync(u => u.Users.AnyOperatorAsync(Ct)));
    }

    [SkippableFact]
    public async Task AnyOperator_WithOnlyAccountHolders_IsFalse()
    {
        await CommitAsync(u =>
        {
            u.Users.Add(NewUser("alice"));
            u.Users.Add(NewUser("bob"));
        });

        Assert.False(await ReadAsync(u => u.Users.AnyOperatorAsync(Ct)));
    }

    [SkippableFact]
    public async Task AnyOperator_WithAnOperator_IsTrue()
    {
        await CommitAsync(u =>
        {
            u.Users.Add(NewUser("alice"));
            u.Users.Add(NewUser("olga", UserRole.Operator));
        });

        Assert.True(await ReadAsync(u => u.Users.AnyOperatorAsync(Ct)));
    }

    [SkippableFact]
    public async Task FoundUser_ChangedAndCommitted_IsSaved()
    {
        var user = NewUser("alice");
        await CommitAsync(u => u.Users.Add(user));

        await using (var unit = await Store.OpenAsync(Ct))
        {
            var found = await unit.Users.FindByUsernameAsync("alice", Ct);
            found!.DisplayName = "Alice Liddell";
            await unit.CommitAsync(Ct);
        }

        Assert.Equal("Alice Liddell", (await ReadAsync(u => u.Users.FindAsync(user.Id, Ct)))?.DisplayName);
    }

    [SkippableFact]
    public async Task FoundUser_ChangedWithoutCommit_IsNotSaved()
    {
        var user = NewUser("alice");
        await CommitAsync(u => u.Users.Add(user));

        await using (var unit = await Store.OpenAsync(Ct))
        {
            var found = await unit.Users.FindByUsernameAsync("alice", Ct);
            found!.DisplayName = "Alice Liddell";
        }

        Assert.Equal("alice", (await ReadAsync(u => u.Users.FindAsync(user.Id, Ct)))?.DisplayName);
    }
}
