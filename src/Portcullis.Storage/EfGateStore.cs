using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Notifications.Delivery;
using Portcullis.Core.Persistence;
using Portcullis.Storage.Sqlite;
using Portcullis.Storage.Stores;

namespace Portcullis.Storage;

/// <summary>The EF Core implementation of <see cref="IGateStore"/> for SQLite and PostgreSQL.</summary>
public sealed class EfGateStore(StorageOptions options, Func<GateDbContext> contexts, TimeProvider time, OutboxSignal? outbox = null)
    : IGateStore, IDisposable
{
    private readonly SqliteWriteLock? _writeLock = options.IsSqlite ? new SqliteWriteLock() : null;

    /// <summary>SQLite with <see cref="StorageOptions.GroupCommit"/> on a database file: the shared log flush; otherwise <c>null</c>.</summary>
    public SqliteGroupCommit? GroupCommit { get; } = GroupCommitFor(options);

    public string Provider => options.IsSqlite ? StorageOptions.Sqlite : StorageOptions.Postgres;

    public async ValueTask<IGateUnit> OpenAsync(CancellationToken cancellationToken)
    {
        // One connection serves the whole unit, instead of an open and a close around every query.
        var db = contexts();
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }

        return new EfGateUnit(db, time, _writeLock, GroupCommit, outbox);
    }

    public void Dispose() => _writeLock?.Dispose();

    private static SqliteGroupCommit? GroupCommitFor(StorageOptions options)
    {
        if (!options.IsSqlite || !options.GroupCommit)
        {
            return null;
        }

        var file = new SqliteConnectionStringBuilder(options.EffectiveConnectionString).DataSource;
        return string.IsNullOrEmpty(file) || file == ":memory:" ? null : new SqliteGroupCommit(file);
    }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var sqliteFile = options.IsSqlite ? PrepareSqliteFile() : null;
        await using var db = contexts();
        await db.Database.MigrateAsync(cancellationToken);
        if (sqliteFile is not null)
        {
            // WAL is a property of the database file: set once, it holds for every later connection.
            // SQLite gives the -wal and -shm files the database file's permissions, already owner-only.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            RestrictToOwner(sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm");
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

    /// <summary>
    /// Creates the data folder (0700) and an empty database file (0600) before SQLite opens it, so that the
    /// database and its journal files are never readable by other users, even in a folder open to them.
    /// </summary>
    private string? PrepareSqliteFile()
    {
        var file = new SqliteConnectionStringBuilder(options.EffectiveConnectionString).DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:")
        {
            return null;
        }

        var path = Path.GetFullPath(file);
        var folder = Path.GetDirectoryName(path);
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

        if (!File.Exists(path))
        {
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (new FileStream(path, create))
            {
            }
        }

        RestrictToOwner(path, path + "-wal", path + "-shm");
        return path;
    }

    private static void RestrictToOwner(params string[] files)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var file in files.Where(File.Exists))
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
