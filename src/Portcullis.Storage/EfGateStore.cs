using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Persistence;
using Portcullis.Storage.Sqlite;
using Portcullis.Storage.Stores;

namespace Portcullis.Storage;

/// <summary>The EF Core implementation of <see cref="IGateStore"/> for SQLite and PostgreSQL.</summary>
public sealed class EfGateStore(StorageOptions options, Func<GateDbContext> contexts, TimeProvider time) : IGateStore, IDisposable
{
    private readonly SqliteWriteLock? _writeLock = options.IsSqlite ? new SqliteWriteLock() : null;

    public string Provider => options.IsSqlite ? StorageOptions.Sqlite : StorageOptions.Postgres;

    public ValueTask<IGateUnit> OpenAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IGateUnit>(new EfGateUnit(contexts(), time, _writeLock));

    public void Dispose() => _writeLock?.Dispose();

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (options.IsSqlite)
        {
            PrepareSqliteFolder();
        }

        await using var db = contexts();
        await db.Database.MigrateAsync(cancellationToken);
        if (options.IsSqlite)
        {
            // WAL is a property of the database file: set once, it holds for every later connection.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            RestrictSqliteFile();
        }
    }

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken) =>
        await GetStatusAsync(cancellationToken) == StoreStatus.Ready;

    public async Task<StoreStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts();
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            // A missing SQLite file is a store nobody has created yet, not an outage.
            return options.IsSqlite ? StoreStatus.Uninitialised : StoreStatus.Unreachable;
        }

        if (!(await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            return StoreStatus.Ready;
        }

        return (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any() ? StoreStatus.Outdated : StoreStatus.Uninitialised;
    }

    private void PrepareSqliteFolder()
    {
        var file = new SqliteConnectionStringBuilder(options.EffectiveConnectionString).DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:")
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (folder is not null && !Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }

    private void RestrictSqliteFile()
    {
        var file = new SqliteConnectionStringBuilder(options.EffectiveConnectionString).DataSource;
        if (!OperatingSystem.IsWindows() && File.Exists(file))
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
