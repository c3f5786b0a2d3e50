using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Portcullis.Ledger.Accounts;
using Portcullis.Ledger.Backend;
using Portcullis.Ledger.Persistence.Postgres;
using Portcullis.Ledger.Persistence.Sqlite;

namespace Portcullis.Ledger.Persistence;

/// <summary>
/// Opens contexts and runs units of work. A write on an account runs in one transaction that first takes the
/// account lock; when the work returns a failure, everything is rolled back (nothing partial).
/// </summary>
internal sealed class LedgerDatabase : IDisposable
{
    private readonly LedgerOptions _options;
    private readonly Func<LedgerDbContext> _contexts;

    // SQLite admits one writer: this process's writers queue here (FIFO, async) instead of spinning on SQLITE_BUSY.
    private readonly SemaphoreSlim? _writeLock;

    public LedgerDatabase(LedgerOptions options)
    {
        _options = options;
        var connectionString = options.ConnectionString ?? throw new InvalidOperationException("Ledger:ConnectionString is required.");
        // Contexts are pooled, as the gate's are: every read and write would otherwise set up EF Core's services anew.
        if (options.IsPostgres)
        {
            _contexts = new PooledDbContextFactory<PostgresLedgerDbContext>(LedgerContextOptions.Postgres(connectionString)).CreateDbContext;
        }
        else
        {
            _contexts = new PooledDbContextFactory<SqliteLedgerDbContext>(LedgerContextOptions.Sqlite(connectionString)).CreateDbContext;
            _writeLock = new SemaphoreSlim(1, 1);
        }
    }

    /// <summary>A context from the pool: its settings (such as <c>QueryTrackingBehavior</c>) are reset when it goes back.</summary>
    public LedgerDbContext CreateContext() => _contexts();

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = CreateContext();
        await db.Database.MigrateAsync(cancellationToken);
        if (_options.IsSqlite && new SqliteConnectionStringBuilder(_options.ConnectionString).DataSource is not ("" or ":memory:"))
        {
            // WAL is a property of the database file: set once, it holds for every later connection.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    public async Task<T> ReadAsync<T>(Func<LedgerDbContext, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var db = CreateContext();
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        cancellationToken.ThrowIfCancellationRequested();
        return await read(db);
    }

    /// <summary>
    /// Reads in one snapshot (SQLite: a deferred read transaction, which WAL lets run beside the writer; PostgreSQL:
    /// repeatable read), so that balances, orders and journal agree with each other.
    /// </summary>
    public async Task<T> ReadSnapshotAsync<T>(Func<LedgerDbContext, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var db = CreateContext();
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        DbTransaction transaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using (transaction)
        {
            await db.Database.UseTransactionAsync(transaction, cancellationToken);
            var result = await read(db);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> under the account's lock in one transaction. Unknown account: <c>ledger.account_not_found</c>.
    /// A failed result rolls everything back.
    /// </summary>
    public Task<LedgerResult<T>> WriteAsync<T>(Guid accountId, Func<LedgerDbContext, LedgerAccount, Task<LedgerResult<T>>> work,
        CancellationToken cancellationToken) =>
        WriteAsync(async db =>
        {
            await db.LockAccountAsync(accountId, cancellationToken);
            var account = await LedgerQueries.For(db).AccountAsync(db, accountId, cancellationToken);
            if (account is null)
            {
                return LedgerErrors.Error(LedgerErrors.AccountNotFound, "No such ledger account.");
            }

            var result = await work(db, account);
            if (result.IsSuccess)
            {
                account.Version++;
            }

            return result;
        }, cancellationToken);

    /// <summary>Runs <paramref name="work"/> in one write transaction (no account lock); a failed result rolls back.</summary>
    public async Task<LedgerResult<T>> WriteAsync<T>(Func<LedgerDbContext, Task<LedgerResult<T>>> work, CancellationToken cancellationToken)
    {
        if (_writeLock is not null)
        {
            await _writeLock.WaitAsync(cancellationToken);
        }

        try
        {
            await using var db = CreateContext();
            await using IDbContextTransaction transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await work(db);
            if (!result.IsSuccess)
            {
                await transaction.RollbackAsync(cancellationToken);
                return result;
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            _writeLock?.Release();
        }
    }

    /// <summary>Draws the next fill sequence number. The counter row stays locked until the transaction ends, so fills commit in sequence order.</summary>
    public static async Task<long> NextFillSequenceAsync(LedgerDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A fill sequence is drawn inside a write transaction.");
        command.CommandText = "UPDATE ledger_counters SET value = value + 1 WHERE name = 'fills' RETURNING value";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => _writeLock?.Dispose();
}
