using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Audit;
using Portcullis.Core.SignIn;

namespace Portcullis.Storage.Postgres;

/// <summary>
/// The PostgreSQL model. Read-modify-write sections lock their rows with <c>SELECT … FOR UPDATE</c>, so
/// several gate nodes on one database count failures and chain audit rows without losing updates.
/// </summary>
public sealed class PostgresGateDbContext(DbContextOptions<PostgresGateDbContext> options) : GateDbContext(options)
{
    internal override FormattableString EnsureThrottleRowSql(string key) =>
        $"INSERT INTO throttle_counters (key, failures) VALUES ({key}, 0) ON CONFLICT (key) DO NOTHING";

    internal override IQueryable<ThrottleCounter> LockThrottleRow(string key) =>
        ThrottleCounters.FromSql($"SELECT * FROM throttle_counters WHERE key = {key} FOR UPDATE");

    internal override IQueryable<AuditHead> LockAuditHead() =>
        AuditHeads.FromSql($"SELECT * FROM audit_head WHERE id = {AuditHead.SingletonId} FOR UPDATE");
}
