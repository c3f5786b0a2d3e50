using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Audit;

namespace Portcullis.Storage.Sqlite;

/// <summary>
/// The SQLite model. Every write transaction is <c>BEGIN IMMEDIATE</c> (Microsoft.Data.Sqlite's default),
/// so it holds the database's single write lock from its first statement: rows read inside it cannot change
/// under it, and no extra row locks are needed.
/// </summary>
public sealed class SqliteGateDbContext(DbContextOptions<SqliteGateDbContext> options) : GateDbContext(options)
{
    internal override IQueryable<AuditHead> LockAuditHead() => AuditHeads.Where(h => h.Id == AuditHead.SingletonId);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcMicrosecondsConverter>();
    }
}
