using Microsoft.EntityFrameworkCore;

namespace Portcullis.Ledger.Persistence.Postgres;

/// <summary>The PostgreSQL model. Per-account read-modify-write locks the account row with <c>SELECT … FOR UPDATE</c>.</summary>
public sealed class PostgresLedgerDbContext(DbContextOptions<PostgresLedgerDbContext> options) : LedgerDbContext(options)
{
    internal override Task LockAccountAsync(Guid accountId, CancellationToken cancellationToken) =>
        Database.ExecuteSqlAsync($"SELECT 1 FROM ledger_accounts WHERE id = {accountId} FOR UPDATE", cancellationToken);
}
