using System.Data.Common;
using Microsoft.Data.Sqlite;
using Portcullis.Storage.Sqlite;
using Portcullis.Testing;

namespace Portcullis.Storage.Tests;

/// <summary>
/// The conformance suite on SQLite, with a data folder of its own for each test; and what only SQLite has:
/// a database file whose permissions and journal mode the store sets.
/// </summary>
public sealed class SqliteGateStoreTests : GateStoreConformance
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerOnlyFile | UnixFileMode.UserExecute;

    private readonly List<TempDirectory> _folders = [];
    private readonly List<string> _files = [];

    protected override string ExpectedProvider => StorageOptions.Sqlite;

    // Dropping the triggers needs no more than write access to the database file.
    protected override string DisableAppendOnlyTriggersSql =>
        "DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;";

    /// <summary>The first database of a test; its data folder does not exist until MigrateAsync creates it.</summary>
    private string DataFolder => Path.Combine(_folders[0].Path, "data");

    protected override Task<TestDatabase> CreateEmptyDatabaseAsync() =>
        Task.FromResult(DatabaseIn(Path.Combine(NewFolder(), "data")));

    protected override Task DropDatabasesAsync()
    {
        foreach (var file in _files)
        {
            using var connection = new SqliteConnection($"Data Source={file}");
            SqliteConnection.ClearPool(connection);
        }

        foreach (var folder in _folders)
        {
            folder.Dispose();
        }

        return Task.CompletedTask;
    }

    protected override DbConnection CreateRawConnection(string connectionString) => new SqliteConnection(connectionString);

    [SkippableFact]
    public void Migrate_CreatesOwnerOnlyDataFolderAndDatabaseFile()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new SkipException("Unix file modes only.");
        }

        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(DataFolder));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(DataFolder, "portcullis.db")));
    }

    /// <summary>
    /// The data folder may already exist and be open to others (a mounted volume, a service's state folder):
    /// the write-ahead log holds the newest rows (password hashes, token hashes, audit), so it must be owner-only too.
    /// </summary>
    [SkippableFact]
    public async Task DatabaseFiles_InExistingFolderOpenToOthers_AreOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new SkipException("Unix file modes only.");
        }

        var folder = NewFolder();
        File.SetUnixFileMode(folder, OwnerOnlyFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
            UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var store = BuildStore(DatabaseIn(folder));
        await store.MigrateAsync(Ct);
        await using (var unit = await store.OpenAsync(Ct))
        {
            unit.Users.Add(NewUser("alice"));
            await unit.CommitAsync(Ct);
        }

        var extraPermissions = new List<string>();
        foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
        {
            extraPermissions.Add($"{Path.GetFileName(file)}: {File.GetUnixFileMode(file) & ~OwnerOnlyFile}");
        }

        Assert.Equal(["portcullis.db: None", "portcullis.db-shm: None", "portcullis.db-wal: None"], extraPermissions);
    }

    [Fact]
    public async Task Migrate_SwitchesDatabaseToWriteAheadLog()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(DataFolder, "portcullis.db")}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", await command.ExecuteScalarAsync(Ct) as string);
    }

    [Fact]
    public async Task GroupCommit_FlushesTheLogAfterEveryCommitThatWrote()
    {
        var groupCommit = Assert.IsType<EfGateStore>(Store).GroupCommit;
        Assert.NotNull(groupCommit);
        var before = groupCommit.Flushes;

        await using (var unit = await Store.OpenAsync(Ct))
        {
            unit.Users.Add(NewUser("alice"));
            await unit.CommitAsync(Ct);
            Assert.True(groupCommit.Flushes > before, "the commit returned before the log was flushed");
        }

        var afterWrite = groupCommit.Flushes;
        await using (var unit = await Store.OpenAsync(Ct))
        {
            Assert.NotNull(await unit.Users.FindByUsernameAsync("alice", Ct));
            await unit.CommitAsync(Ct);
        }

        Assert.Equal(afterWrite, groupCommit.Flushes); // a unit that only read waits for no flush
    }

    [Fact]
    public async Task GroupCommit_AVisibleCommit_WaitsForNoFlush_AndIsFlushedByTheUnitsNextCommitOrItsDisposal()
    {
        var groupCommit = Assert.IsType<EfGateStore>(Store).GroupCommit!;
        var before = groupCommit.Flushes;
        await using (var unit = await Store.OpenAsync(Ct))
        {
            unit.Users.Add(NewUser("alice"));
            await unit.CommitVisibleAsync(Ct);
            Assert.Equal(before, groupCommit.Flushes);
            Assert.NotNull(await ReadAsync(u => u.Users.FindByUsernameAsync("alice", Ct)));

            unit.Users.Add(NewUser("bob"));
            await unit.CommitAsync(Ct);
            Assert.True(groupCommit.Flushes > before, "the unit's next commit returned before the log was flushed");
        }

        var afterCommit = groupCommit.Flushes;
        await using (var unit = await Store.OpenAsync(Ct))
        {
            unit.Users.Add(NewUser("carol"));
            await unit.CommitVisibleAsync(Ct);
            Assert.Equal(afterCommit, groupCommit.Flushes);
        }

        Assert.True(groupCommit.Flushes > afterCommit, "the unit was disposed before its visible commit was flushed");
    }

    [Fact]
    public async Task GroupCommit_ConcurrentCommitsAllLandAndShareFlushes()
    {
        var groupCommit = Assert.IsType<EfGateStore>(Store).GroupCommit!;
        var before = groupCommit.Flushes;

        await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            await using var unit = await Store.OpenAsync(Ct);
            unit.Users.Add(NewUser($"user{i}"));
            await unit.CommitAsync(Ct);
        }));

        await using (var unit = await Store.OpenAsync(Ct))
        {
            for (var i = 0; i < 40; i++)
            {
                Assert.NotNull(await unit.Users.FindByUsernameAsync($"user{i}", Ct));
            }
        }

        Assert.InRange(groupCommit.Flushes - before, 1, 40);
    }

    [Fact]
    public async Task WithoutGroupCommit_EveryCommitFlushesItself()
    {
        var folder = Path.Combine(NewFolder(), "data");
        var database = DatabaseIn(folder);
        var settings = new Dictionary<string, string?>(database.Settings) { ["Storage:GroupCommit"] = "false" };
        var store = BuildStore(database with { Settings = settings });
        await store.MigrateAsync(Ct);

        Assert.Null(Assert.IsType<EfGateStore>(store).GroupCommit);
        await using (var unit = await store.OpenAsync(Ct))
        {
            unit.Users.Add(NewUser("alice"));
            await unit.CommitAsync(Ct);
        }

        await using var check = await store.OpenAsync(Ct);
        Assert.NotNull(await check.Users.FindByUsernameAsync("alice", Ct));
    }

    [Fact]
    public async Task GroupCommit_WaitersDuringAFlushJoinTheNextOne_AndNoneReturnsBeforeItsFlush()
    {
        using var release = new SemaphoreSlim(0);
        var flushes = 0;
        var groupCommit = new SqliteGroupCommit(Path.Combine(DataFolder, "x.db"), _ =>
        {
            Interlocked.Increment(ref flushes);
            Assert.True(release.Wait(TimeSpan.FromSeconds(30)), "the test did not release the flush");
        });

        var first = groupCommit.FlushAsync();
        while (Volatile.Read(ref flushes) == 0)
        {
            await Task.Delay(5, Ct); // the first flush is running (and held)
        }

        var joined = Enumerable.Range(0, 25).Select(_ => groupCommit.FlushAsync()).ToList();
        await Task.Delay(50, Ct);
        Assert.False(first.IsCompleted);
        Assert.All(joined, t => Assert.False(t.IsCompleted));

        release.Release();
        await first.WaitAsync(Ct);
        Assert.All(joined, t => Assert.False(t.IsCompleted)); // their commits came after the first flush began
        release.Release();
        await Task.WhenAll(joined).WaitAsync(Ct);

        Assert.Equal(2, flushes);
        Assert.Equal(2, groupCommit.Flushes);
    }

    private string NewFolder()
    {
        var folder = new TempDirectory();
        _folders.Add(folder);
        return folder.Path;
    }

    /// <summary>The gate's settings for a database in <paramref name="dataDirectory"/>, as an operator would write them.</summary>
    private TestDatabase DatabaseIn(string dataDirectory)
    {
        var file = Path.Combine(dataDirectory, "portcullis.db");
        _files.Add(file);
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "sqlite",
            ["Storage:DataDirectory"] = dataDirectory,
        };
        return new TestDatabase(settings, $"Data Source={file}");
    }
}
