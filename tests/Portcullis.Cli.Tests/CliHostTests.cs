using System.Text.Json;

namespace Portcullis.Cli.Tests;

/// <summary>Configuration and store checks every admin command runs before doing anything.</summary>
public sealed class CliHostTests : IDisposable
{
    private readonly CliStore _store = new();

    [Fact]
    public async Task BadConfiguration_ReportsEveryProblemWithItsPathAndValue()
    {
        var config = WriteConfig("""{"Passwords":{"MinLengthSingleFactor":4},"Sessions":{"IdleTimeout":"-00:01:00"}}""");

        var result = await Cli.RunAsync("user", "list", "--config", config, "--data-dir", _store.DataDirectory);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.All(result.ErrorLines, line => Assert.StartsWith("portcullis: configuration: ", line, StringComparison.Ordinal));
        Assert.Contains(result.ErrorLines, l => l.Contains("Passwords:MinLengthSingleFactor", StringComparison.Ordinal) && l.Contains("(value: 4)", StringComparison.Ordinal));
        Assert.Contains(result.ErrorLines, l => l.Contains("Sessions:IdleTimeout", StringComparison.Ordinal) && l.Contains("(value: -00:01:00)", StringComparison.Ordinal));
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task BadConfiguration_DoesNotCreateTheStore()
    {
        var config = WriteConfig("""{"Passwords":{"MinLengthSingleFactor":4}}""");

        var result = await Cli.RunAsync("init", "--config", config, "--data-dir", _store.DataDirectory);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.False(File.Exists(_store.DatabaseFile));
    }

    [Fact]
    public async Task UnconvertibleValue_IsReportedWithItsPathAlongsideTheOtherProblems()
    {
        var config = WriteConfig("""{"Passwords":{"MinLengthSingleFactor":4},"Sessions":{"IdleTimeout":"banana"}}""");

        var result = await Cli.RunAsync("user", "list", "--config", config, "--data-dir", _store.DataDirectory);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Contains(result.ErrorLines, l => l.Contains("Passwords:MinLengthSingleFactor", StringComparison.Ordinal));
        Assert.Contains(result.ErrorLines, l => l.Contains("Sessions:IdleTimeout", StringComparison.Ordinal) && l.Contains("banana", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MissingConfigFile_ExitsTwoWithOneLineNamingTheFile()
    {
        var missing = Path.Combine(_store.Folder, "missing.json");

        var result = await Cli.RunAsync("user", "list", "--config", missing, "--data-dir", _store.DataDirectory);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("portcullis: ", line, StringComparison.Ordinal);
        Assert.Contains("missing.json", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedConfigFile_ExitsTwoWithOneLineNamingTheFile()
    {
        var config = WriteConfig("""{"Passwords": """);

        var result = await Cli.RunAsync("user", "list", "--config", config, "--data-dir", _store.DataDirectory);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("portcullis: ", line, StringComparison.Ordinal);
        Assert.Contains("portcullis.json", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostgresWithoutConnectionString_ExitsTwoNamingStorageConnectionString()
    {
        var result = await _store.RunAsync("user", "list", "--storage", "postgres");

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Contains(result.ErrorLines, l => l.Contains("Storage:ConnectionString", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InvalidConnectionString_IsReportedWithoutEchoingIt()
    {
        var result = await _store.RunAsync("user", "list", "--storage", "postgres", "--connection-string", "Host=db;Password=hunter2;Bogus Key=1");

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Contains("Storage:ConnectionString", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataDirOption_WinsOverTheConfigFile()
    {
        var elsewhere = Path.Combine(_store.Folder, "from-config");
        var config = WriteConfig(JsonSerializer.Serialize(new { Storage = new { DataDirectory = elsewhere } }));

        var result = await Cli.RunAsync("init", "--config", config, "--data-dir", _store.DataDirectory);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.True(File.Exists(_store.DatabaseFile));
        Assert.False(Directory.Exists(elsewhere));
    }

    public static TheoryData<string> AdminCommands => new()
    {
        "user list",
        "user add alice",
        "user disable alice",
        "user enable alice",
        "user unlock alice",
        "user reset-password alice",
        "audit verify",
        "audit export",
    };

    [Theory]
    [MemberData(nameof(AdminCommands))]
    public async Task AdminCommand_WithoutStore_FailsTellingToRunInit(string command)
    {
        var result = await _store.RunAsync(command.Split(' '));

        Assert.NotEqual(ExitCodes.Ok, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("portcullis: ", line, StringComparison.Ordinal);
        Assert.Contains("portcullis init", line, StringComparison.Ordinal);
        Assert.False(File.Exists(_store.DatabaseFile), "a failed admin command must not leave a database file behind");
    }

    [Fact]
    public async Task AdminCommand_WithUnreachablePostgres_SaysItCannotConnect()
    {
        var result = await Cli.RunAsync("user", "list", "--config", _store.ConfigFile, "--storage", "postgres",
            "--connection-string", "Host=127.0.0.1;Port=1;Database=nothing;Username=nobody;Password=secret-here;Timeout=2");

        Assert.NotEqual(ExitCodes.Ok, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("cannot connect to the database", line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-here", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminCommand_WithoutDataFolder_DoesNotCreateIt()
    {
        var absent = Path.Combine(_store.Folder, "absent");

        var result = await Cli.RunAsync("user", "list", "--data-dir", absent, "--config", _store.ConfigFile);

        Assert.NotEqual(ExitCodes.Ok, result.ExitCode);
        Assert.False(Directory.Exists(absent));
    }

    public void Dispose() => _store.Dispose();

    private string WriteConfig(string json)
    {
        var path = Path.Combine(_store.Folder, "portcullis.json");
        File.WriteAllText(path, json);
        return path;
    }
}
