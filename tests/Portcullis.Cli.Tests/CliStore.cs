using Microsoft.Data.Sqlite;
using Portcullis.Testing;

namespace Portcullis.Cli.Tests;

/// <summary>
/// A data folder of its own for one test: every command run through it gets <c>--data-dir</c> (and an empty
/// configuration file, so that a <c>portcullis.json</c> in the working directory cannot change the outcome).
/// </summary>
public sealed class CliStore : IDisposable
{
    private readonly TempDirectory _folder = new();

    public CliStore()
    {
        Directory.CreateDirectory(DataDirectory);
        File.WriteAllText(ConfigFile, "{}");
    }

    /// <summary>A folder for files the test writes besides the store (configuration, exports).</summary>
    public string Folder => _folder.Path;

    public string DataDirectory => Path.Combine(_folder.Path, "data");

    public string DatabaseFile => Path.Combine(DataDirectory, "portcullis.db");

    public string ConfigFile => Path.Combine(_folder.Path, "empty.json");

    /// <summary>A store on which <c>portcullis init</c> succeeded.</summary>
    public static async Task<CliStore> InitialisedAsync()
    {
        var store = new CliStore();
        var init = await store.RunAsync("init");
        Assert.True(init.ExitCode == ExitCodes.Ok, init.ToString());
        return store;
    }

    public Task<CliResult> RunAsync(params string[] args) =>
        Cli.RunAsync([.. args, "--data-dir", DataDirectory, "--config", ConfigFile]);

    /// <summary>A connection to the store's SQLite file for tampering, outside the gate.</summary>
    public SqliteConnection OpenDatabase()
    {
        SqliteConnection.ClearAllPools();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabaseFile, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
