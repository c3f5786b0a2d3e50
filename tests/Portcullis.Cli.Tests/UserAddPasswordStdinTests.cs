using System.Net;
using System.Text.Json;

namespace Portcullis.Cli.Tests;

/// <summary><c>portcullis user add NAME --password-stdin</c>.</summary>
[Collection(ConsoleInput.Name)]
public sealed class UserAddPasswordStdinTests : IAsyncLifetime
{
    private CliStore _store = null!;

    public async Task InitializeAsync() => _store = await CliStore.InitialisedAsync();

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task PasswordStdin_StrongPassword_CreatesUserWithoutOneTimePassword()
    {
        var result = await AddBobAsync("amber-violin-glacier-harbor-42\n");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("User 'bob' created (account_holder).", result.Out, StringComparison.Ordinal);
        Assert.DoesNotMatch(Cli.OneTimePasswordLine(), result.Out);
        Assert.DoesNotContain("amber-violin", result.Out + result.Error, StringComparison.Ordinal);
        Assert.Contains("bob", await UsernamesAsync());
    }

    [Fact]
    public async Task PasswordStdin_StrongPassword_SignsInWithoutAChange()
    {
        await AddBobAsync("amber-violin-glacier-harbor-42\n");
        await using var gate = await StoreGate.StartAsync(_store);

        var signIn = await gate.SignInAsync("bob", "amber-violin-glacier-harbor-42");

        Assert.True(signIn.Status == HttpStatusCode.OK, signIn.ToString());
        Assert.False(signIn.Body.GetProperty("session").GetProperty("password_change_required").GetBoolean());
    }

    [Fact]
    public async Task PasswordStdin_WindowsLineEnding_IsNotPartOfThePassword()
    {
        await AddBobAsync("amber-violin-glacier-harbor-42\r\n");
        await using var gate = await StoreGate.StartAsync(_store);

        var signIn = await gate.SignInAsync("bob", "amber-violin-glacier-harbor-42");

        Assert.True(signIn.Status == HttpStatusCode.OK, signIn.ToString());
    }

    [Fact]
    public async Task PasswordStdin_TooShort_FailsWithPasswordTooShort()
    {
        var result = await AddBobAsync("short-pass-1\n");

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.StartsWith("portcullis: password.too_short", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain("bob", await UsernamesAsync());
    }

    [Fact]
    public async Task PasswordStdin_Blocklisted_FailsWithPasswordBlocklisted()
    {
        var result = await AddBobAsync("correcthorsebatterystaple\n");

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.StartsWith("portcullis: password.blocklisted", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain("bob", await UsernamesAsync());
    }

    [Fact]
    public async Task PasswordStdin_NothingOnStandardInput_FailsInsteadOfInventingAPassword()
    {
        var result = await AddBobAsync("");

        Assert.True(result.ExitCode != ExitCodes.Ok, "--password-stdin with empty input must not create the user:\n" + result);
        Assert.StartsWith("portcullis: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain("bob", await UsernamesAsync());
    }

    private Task<CliResult> AddBobAsync(string input) =>
        ConsoleInput.WithStandardInputAsync(input, () => _store.RunAsync("user", "add", "bob", "--password-stdin"));

    private async Task<List<string?>> UsernamesAsync()
    {
        var list = await _store.RunAsync("user", "list", "--json");
        return list.OutLines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("username").GetString()).ToList();
    }
}
