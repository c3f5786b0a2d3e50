using Microsoft.EntityFrameworkCore;

namespace Portcullis.Ledger.Persistence.Sqlite;

/// <summary>
/// The SQLite model. Write transactions are <c>BEGIN IMMEDIATE</c> (Microsoft.Data.Sqlite's default) and queue on an
/// in-process lock first, so one writer at a time holds the database: per-account locking needs nothing more.
/// </summary>
public sealed class SqliteLedgerDbContext(DbContextOptions<SqliteLedgerDbContext> options) : LedgerDbContext(options)
{
    internal override Task LockAccountAsync(Guid accountId, CancellationToken cancellationToken) => Task.CompletedTask;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcMicrosecondsConverter>();
    }
}
