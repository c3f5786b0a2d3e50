using System.Data;
using System.Data.Common;
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

    internal override string LockAuditHeadSql { get; } =
        $"SELECT sequence, hash FROM audit_head WHERE id = {AuditHead.SingletonId} FOR UPDATE";

    // timestamptz: Npgsql takes a DateTimeOffset at offset zero.
    internal override void AddTime(DbCommand command, string name, DateTimeOffset? value) =>
        command.With(name, value?.ToUniversalTime(), DbType.DateTimeOffset);

    internal override DateTimeOffset? ReadTime(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    internal override void AddGuid(DbCommand command, string name, Guid? value) => command.With(name, value, DbType.Guid);
}
