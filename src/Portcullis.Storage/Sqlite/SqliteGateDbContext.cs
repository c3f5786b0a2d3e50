using System.Data;
using System.Data.Common;
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
    // The IMMEDIATE transaction already holds the write lock.
    internal override string LockAuditHeadSql { get; } = $"SELECT sequence, hash FROM audit_head WHERE id = {AuditHead.SingletonId}";

    internal override void AddTime(DbCommand command, string name, DateTimeOffset? value) =>
        command.With(name, value is { } time ? UtcMicrosecondsConverter.ToMicroseconds(time) : null, DbType.Int64);

    internal override DateTimeOffset? ReadTime(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : UtcMicrosecondsConverter.FromMicroseconds(reader.GetInt64(ordinal));

    // EF Core's SQLite provider stores a Guid as upper-case text; Microsoft.Data.Sqlite alone would bind it as a blob.
    internal override void AddGuid(DbCommand command, string name, Guid? value) =>
        command.With(name, value?.ToString("D").ToUpperInvariant(), DbType.String);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcMicrosecondsConverter>();
    }
}
