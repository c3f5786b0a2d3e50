using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Audit;
using Portcullis.Core.SignIn;

namespace Portcullis.Storage.Sqlite;

/// <summary>
/// The SQLite model. Every write transaction is <c>BEGIN IMMEDIATE</c> (Microsoft.Data.Sqlite's default),
/// so it holds the database's single write lock from its first statement: rows read inside it cannot change
/// under it, and no extra row locks are needed.
/// </summary>
public sealed class SqliteGateDbContext(DbContextOptions<SqliteGateDbContext> options) : GateDbContext(options)
{
    internal override FormattableString EnsureThrottleRowSql(string key) =>
        $"INSERT INTO throttle_counters (key, failures) VALUES ({key}, 0) ON CONFLICT (key) DO NOTHING";

    internal override IQueryable<ThrottleCounter> LockThrottleRow(string key) => ThrottleCounters.Where(c => c.Key == key);

    internal override IQueryable<AuditHead> LockAuditHead() => AuditHeads.Where(h => h.Id == AuditHead.SingletonId);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcMicrosecondsConverter>();
    }
}
