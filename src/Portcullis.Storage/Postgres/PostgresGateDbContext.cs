using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Audit;
using Portcullis.Core.Users;

namespace Portcullis.Storage.Postgres;

/// <summary>
/// The PostgreSQL model. Read-modify-write sections lock their rows with <c>SELECT … FOR UPDATE</c>, so
/// several gate nodes on one database count failures and chain audit rows without losing updates.
/// </summary>
public sealed class PostgresGateDbContext(DbContextOptions<PostgresGateDbContext> options) : GateDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // Byte-order comparison, as in SQLite: the same usernames sort the same way on every server,
        // whatever its locale.
        modelBuilder.Entity<User>().Property(u => u.Username).UseCollation("C");
    }

    internal override IQueryable<AuditHead> LockAuditHead() =>
        AuditHeads.FromSql($"SELECT * FROM audit_head WHERE id = {AuditHead.SingletonId} FOR UPDATE");
}
