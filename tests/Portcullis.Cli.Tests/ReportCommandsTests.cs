using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Portcullis.Cli.Tests;

/// <summary><c>portcullis report activity</c> on an initialised store where alice signed in once.</summary>
public sealed class ReportCommandsTests : IAsyncLifetime
{
    private CliStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await CliStore.InitialisedAsync();
        var password = Cli.OneTimePassword(await _store.RunAsync("user", "add", "alice"));
        await using var gate = await StoreGate.StartAsync(_store);
        var signIn = await gate.SignInAsync("alice", password);
        Assert.True(signIn.Status == HttpStatusCode.OK, signIn.ToString());
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>An end just after now, so that the daily period holds alice's sign-in.</summary>
    private static string SoonAfterNow() =>
        DateTimeOffset.UtcNow.AddMinutes(5).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Activity_Text_PrintsTheReport()
    {
        var result = await _store.RunAsync("report", "activity", "--user", "alice", "--period", "daily", "--end", SoonAfterNow());

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("Portcullis activity report (daily)", result.Out, StringComparison.Ordinal);
        Assert.Contains("Account:   alice", result.Out, StringComparison.Ordinal);
        Assert.Contains("  Successful: 1\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("TRADES\n------\n  none\n", result.Out, StringComparison.Ordinal);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Activity_Json_PrintsOneSnakeCaseObject()
    {
        var result = await _store.RunAsync("report", "activity", "--user", "alice", "--period", "daily", "--end", SoonAfterNow(),
            "--format", "json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var line = Assert.Single(result.OutLines);
        using var report = JsonDocument.Parse(line);
        Assert.Equal("alice", report.RootElement.GetProperty("username").GetString());
        Assert.Equal("daily", report.RootElement.GetProperty("period").GetString());
        Assert.Equal(1, report.RootElement.GetProperty("sign_ins").GetProperty("succeeded").GetInt32());
        Assert.Equal(1, report.RootElement.GetProperty("devices").GetProperty("added").GetArrayLength());
    }

    [Fact]
    public async Task Activity_WithoutEnd_ReportsTheLastCompletedWeek()
    {
        var result = await _store.RunAsync("report", "activity", "--user", "alice", "--format", "json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var report = JsonDocument.Parse(result.Out);
        var end = report.RootElement.GetProperty("end").GetDateTimeOffset();
        Assert.Equal(DayOfWeek.Monday, end.UtcDateTime.DayOfWeek);
        Assert.Equal(TimeSpan.Zero, end.UtcDateTime.TimeOfDay);
        Assert.Equal("weekly", report.RootElement.GetProperty("period").GetString());
    }

    [Fact]
    public async Task Activity_UnknownUser_FailsWithOneLine()
    {
        var result = await _store.RunAsync("report", "activity", "--user", "nobody");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Equal("portcullis: user.not_found: No such user.", Assert.Single(result.ErrorLines));
        Assert.Empty(result.Out);
    }

    [Theory]
    [InlineData("--period", "monthly")]
    [InlineData("--format", "pdf")]
    [InlineData("--end", "yesterday")]
    public async Task Activity_BadArgument_IsUsageErrorWithOneLine(string option, string value)
    {
        var result = await _store.RunAsync("report", "activity", "--user", "alice", option, value);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task Activity_WithoutUser_IsUsageError()
    {
        var result = await _store.RunAsync("report", "activity");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--user", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activity_Help_DescribesTheOptions()
    {
        var result = await _store.RunAsync("report", "activity", "--help");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("--period", result.Out, StringComparison.Ordinal);
        Assert.Contains("--end", result.Out, StringComparison.Ordinal);
    }
}
