using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Accounts;
using Portcullis.Core.Persistence;

namespace Portcullis.Storage.Stores;

internal sealed class EfAccountStore(GateDbContext db) : IAccountStore
{
    public void Add(Account account) => db.Accounts.Add(account);

    public void AddMember(AccountMember member) => db.AccountMembers.Add(member);

    public Task<Account?> FindByNumberAsync(string number, CancellationToken cancellationToken) =>
        db.Accounts.FirstOrDefaultAsync(a => a.Number == number, cancellationToken);

    public async Task<IReadOnlyList<(Account Account, AccountRole Role)>> ListForUserAsync(Guid userId, CancellationToken cancellationToken) =>
        await CompiledQueries.For(db).MembershipsOfUser(db, userId).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<AccountMember>> ListMembersAsync(Guid accountId, CancellationToken cancellationToken) =>
        (await db.AccountMembers.AsNoTracking().Where(m => m.AccountId == accountId).ToListAsync(cancellationToken))
            .OrderBy(m => m.UserId).ToList(); // sorted here: providers order uuids differently

    public async Task<IReadOnlyList<(Account Account, IReadOnlyList<AccountMember> Members)>> ListAllWithMembersAsync(CancellationToken cancellationToken)
    {
        var accounts = await db.Accounts.AsNoTracking().ToListAsync(cancellationToken);
        var members = (await db.AccountMembers.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(m => m.AccountId);
        // Sorted here, as ListMembersAsync does: providers order uuids (and collate text) differently.
        return accounts.OrderBy(a => a.Number, StringComparer.Ordinal)
            .Select(a => (a, (IReadOnlyList<AccountMember>)members[a.Id].OrderBy(m => m.UserId).ToList()))
            .ToList();
    }

    public Task<string?> MaxNumberAsync(CancellationToken cancellationToken) =>
        db.Accounts.Select(a => a.Number).OrderByDescending(n => n.Length).ThenByDescending(n => n).FirstOrDefaultAsync(cancellationToken);
}
