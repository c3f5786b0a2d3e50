using System.Net;
using Portcullis.Testing;

namespace Portcullis.Cli.Tests;

/// <summary><c>portcullis serve</c>.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly CliStore _store = new();

    [Fact]
    public async Task Serve_NonHttpUrl_ExitsTwoNamingServerUrls()
    {
        var result = await _store.RunAsync("serve", "--urls", "ftp://x");

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("portcullis: ", line, StringComparison.Ordinal);
        Assert.Contains("Server:Urls", line, StringComparison.Ordinal);
        Assert.Contains("ftp://x", line, StringComparison.Ordinal);
        Assert.False(File.Exists(_store.DatabaseFile), "a refused configuration must not create the store");
    }

    [Fact]
    public async Task Serve_OneBadUrlAmongGoodOnes_IsNamed()
    {
        var result = await _store.RunAsync("serve", "--urls", "http://127.0.0.1:0;not a url");

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Contains("not a url", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_BadConfiguration_ReportsEveryProblemBeforeListening()
    {
        var config = Path.Combine(_store.Folder, "portcullis.json");
        await File.WriteAllTextAsync(config, """{"Passwords":{"MinLengthSingleFactor":4},"Server":{"Urls":"ftp://x"}}""");

        var result = await Cli.RunAsync("serve", "--config", config, "--data-dir", _store.DataDirectory);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Contains(result.ErrorLines, l => l.Contains("Passwords:MinLengthSingleFactor", StringComparison.Ordinal));
        Assert.Contains(result.ErrorLines, l => l.Contains("Server:Urls", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Serve_InitialisedStore_AnswersHealthReady()
    {
        Assert.Equal(ExitCodes.Ok, (await _store.RunAsync("init")).ExitCode);
        using var work = new TempDirectory();
        await using var serve = await PortcullisProcess.StartServeAsync(_store.DataDirectory, work.Path);
        using var client = serve.CreateClient();

        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [SkippableFact]
    public async Task Serve_OnSigterm_StopsWithExitCodeZero()
    {
        Skip.If(OperatingSystem.IsWindows(), "SIGTERM is a Unix signal");
        using var work = new TempDirectory();
        await using var serve = await PortcullisProcess.StartServeAsync(_store.DataDirectory, work.Path);

        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", serve.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        Assert.Equal(ExitCodes.Ok, await serve.WaitForExitAsync(TimeSpan.FromSeconds(20)));
    }

    public void Dispose() => _store.Dispose();
}
