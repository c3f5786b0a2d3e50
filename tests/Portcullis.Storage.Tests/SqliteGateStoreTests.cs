using System.Data.Common;
using Microsoft.Data.Sqlite;
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
