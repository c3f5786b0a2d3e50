using System.Text.RegularExpressions;

namespace Portcullis.Cli.Tests;

/// <summary>The command line itself: help, version, and arguments it cannot accept.</summary>
public sealed class PortcullisCliTests : IDisposable
{
    private readonly CliStore _store = new();

    /// <summary>Every command and subcommand, with what its help must list.</summary>
    public static TheoryData<string, string[]> Commands => new()
    {
        { "", ["demo", "serve", "init", "user", "audit", "--config", "--data-dir", "--storage", "--connection-string", "--version"] },
        { "demo", ["--urls", "--data-dir", "--config"] },
        { "serve", ["--urls", "--data-dir", "--config"] },
        { "init", ["--operator", "--display-name", "--data-dir"] },
        { "user", ["add", "list", "disable", "enable", "unlock", "reset-password"] },
        { "user add", ["<username>", "--display-name", "--operator", "--password-stdin", "--data-dir"] },
        { "user list", ["--json", "--data-dir"] },
        { "user disable", ["<username>", "--data-dir"] },
        { "user enable", ["<username>", "--data-dir"] },
        { "user unlock", ["<username>", "--data-dir"] },
        { "user reset-password", ["<username>", "--data-dir"] },
        { "audit", ["verify", "export"] },
        { "audit verify", ["--data-dir"] },
        { "audit export", ["--format", "--output", "jsonl", "--data-dir"] },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_OnEveryCommand_ExitsZeroAndListsSubcommandsAndOptions(string command, string[] listed)
    {
        var result = await Cli.RunAsync([.. Words(command), "--help"]);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Matches(UsageOf(command), result.Out);
        foreach (var item in listed)
        {
            Assert.Contains(item, result.Out, StringComparison.Ordinal);
        }

        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Help_ShortForm_ExitsZeroAndShowsUsage()
    {
        var result = await Cli.RunAsync("user", "-h");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Matches(UsageOf("user"), result.Out);
    }

    [Fact]
    public async Task Version_ExitsZeroAndPrintsTheVersion()
    {
        var result = await Cli.RunAsync("--version");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.Out.Trim());
        Assert.Empty(result.Error);
    }

    /// <summary>Arguments that cannot be parsed, each with a word the message must contain.</summary>
    public static TheoryData<string, string> BadArguments => new()
    {
        { "", "command" },
        { "nope", "nope" },
        { "user list --bogus", "--bogus" },
        { "user add", "username" },
        { "user disable", "username" },
        { "user add alice bob", "bob" },
        { "--storage mysql user list", "mysql" },
        { "audit export --format csv", "csv" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task BadArguments_ExitTwoWithOneLineOnStandardError(string arguments, string named)
    {
        var result = await _store.RunAsync(Words(arguments));

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("portcullis: ", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task BadArguments_DoNotCreateAStore()
    {
        var result = await _store.RunAsync("init", "--bogus");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.False(File.Exists(_store.DatabaseFile));
    }

    public void Dispose() => _store.Dispose();

    /// <summary>
    /// The usage line: "Usage:" then the executable's name and the command path. In-process the executable is the
    /// test host, so the name itself is not checked here (see the report on the root command's name).
    /// </summary>
    private static Regex UsageOf(string command) =>
        new($@"Usage:\r?\n\s+\S+{Regex.Escape(command.Length > 0 ? " " + command : string.Empty)} (\[command\]|\[options\]|<)");

    private static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
