using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Persistence;
using Portcullis.Core.Users;

namespace Portcullis.Storage.Stores;

internal sealed class EfUserStore(GateDbContext db) : IUserStore
{
    public void Add(User user) => db.Users.Add(user);

    /// <summary>The user by id, from the database (a user added to this unit and not yet committed is not found).</summary>
    public Task<User?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        CompiledQueries.For(db).UserById(db, id, cancellationToken);

    public Task<User?> FindByUsernameAsync(string normalizedUsername, CancellationToken cancellationToken) =>
        CompiledQueries.For(db).UserByUsername(db, normalizedUsername, cancellationToken);

    public async Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().OrderBy(u => u.Username).ToListAsync(cancellationToken);

    public async Task<bool> TryClaimReportAsync(Guid userId, DateTimeOffset end, CancellationToken cancellationToken) =>
        await db.Users.Where(u => u.Id == userId && (u.LastReportAt == null || u.LastReportAt < end))
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.LastReportAt, end), cancellationToken) == 1;

    public Task<bool> AnyOperatorAsync(CancellationToken cancellationToken) =>
        db.Users.AnyAsync(u => u.Role == UserRole.Operator, cancellationToken);

}
