using Microsoft.EntityFrameworkCore;
using Portcullis.Ledger.Persistence.Postgres;
using Portcullis.Ledger.Persistence.Sqlite;

namespace Portcullis.Ledger.Persistence;

/// <summary>How each provider's context is configured (the runtime and the design-time factories share this).</summary>
internal static class LedgerContextOptions
{
    public static DbContextOptions<SqliteLedgerDbContext> Sqlite(string connectionString) =>
        new DbContextOptionsBuilder<SqliteLedgerDbContext>()
            .UseSqlite(connectionString, o => o.MigrationsHistoryTable(LedgerDbContext.MigrationsHistoryTable))
            .AddInterceptors(new SqlitePragmaInterceptor())
            .Options;

    public static DbContextOptions<PostgresLedgerDbContext> Postgres(string connectionString) =>
        new DbContextOptionsBuilder<PostgresLedgerDbContext>()
            .UseNpgsql(connectionString, o => o.MigrationsHistoryTable(LedgerDbContext.MigrationsHistoryTable))
            .Options;
}
