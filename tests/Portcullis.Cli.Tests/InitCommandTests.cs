using System.Text.Json;

namespace Portcullis.Cli.Tests;

public sealed class InitCommandTests : IDisposable
{
    private readonly CliStore _store = new();

    [Fact]
    public async Task Init_OnEmptyFolder_CreatesStoreAndFirstOperatorWithOneTimePasswordShownOnce()
    {
        var result = await _store.RunAsync("init");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.True(File.Exists(_store.DatabaseFile));
        Assert.Contains("Operator 'admin' created.", result.Out, StringComparison.Ordinal);
        var password = Cli.OneTimePassword(result);
        Assert.True(password.Length >= 15, $"one-time password '{password}' is shorter than the policy minimum");
        Assert.Equal(2, result.Out.Split(password).Length);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Init_OnEmptyFolder_OperatorIsListedAsActiveOperator()
    {
        await _store.RunAsync("init");

        var list = await _store.RunAsync("user", "list", "--json");

        var user = JsonDocument.Parse(Assert.Single(list.OutLines)).RootElement;
        Assert.Equal("admin", user.GetProperty("username").GetString());
        Assert.Equal("operator", user.GetProperty("role").GetString());
        Assert.Equal("active", user.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Init_WithOperatorOption_NamesTheFirstOperator()
    {
        var result = await _store.RunAsync("init", "--operator", "root-op", "--display-name", "Night Desk");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var list = await _store.RunAsync("user", "list", "--json");
        var user = JsonDocument.Parse(Assert.Single(list.OutLines)).RootElement;
        Assert.Equal("root-op", user.GetProperty("username").GetString());
        Assert.Equal("Night Desk", user.GetProperty("display_name").GetString());
    }

    [Fact]
    public async Task Init_RunTwice_DoesNotCreateASecondOperatorOrPassword()
    {
        await _store.RunAsync("init");

        var again = await _store.RunAsync("init", "--operator", "second");

        Assert.True(again.ExitCode == ExitCodes.Ok, again.ToString());
        Assert.Contains("already exists", again.Out, StringComparison.Ordinal);
        Assert.DoesNotMatch(Cli.OneTimePasswordLine(), again.Out);
        var list = await _store.RunAsync("user", "list", "--json");
        Assert.Single(list.OutLines);
    }

    [Fact]
    public async Task Init_RunTwice_KeepsTheAuditChainIntact()
    {
        await _store.RunAsync("init");
        await _store.RunAsync("init");

        var verify = await _store.RunAsync("audit", "verify");

        Assert.True(verify.ExitCode == ExitCodes.Ok, verify.ToString());
        Assert.StartsWith("OK: 1 audit event,", verify.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_DataDirIsAFile_FailsWithOneLine()
    {
        var file = Path.Combine(_store.Folder, "not-a-folder");
        await File.WriteAllTextAsync(file, "x");

        var result = await Cli.RunAsync("init", "--data-dir", file, "--config", _store.ConfigFile);

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("portcullis: ", line, StringComparison.Ordinal);
        Assert.Contains("not-a-folder", line, StringComparison.Ordinal);
    }

    public void Dispose() => _store.Dispose();
}
