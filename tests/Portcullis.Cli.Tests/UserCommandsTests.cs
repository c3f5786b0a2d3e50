using System.Net;
using System.Text.Json;

namespace Portcullis.Cli.Tests;

/// <summary><c>portcullis user …</c> on an initialised store (the operator <c>admin</c> exists).</summary>
public sealed class UserCommandsTests : IAsyncLifetime
{
    private CliStore _store = null!;

    public async Task InitializeAsync() => _store = await CliStore.InitialisedAsync();

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Add_NewUser_CreatesAccountHolderAndPrintsOneTimePassword()
    {
        var result = await _store.RunAsync("user", "add", "alice");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("User 'alice' created (account_holder).", result.Out, StringComparison.Ordinal);
        Assert.True(Cli.OneTimePassword(result).Length >= 15);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Add_NewUser_OneTimePasswordSignsInAndMustBeChanged()
    {
        var password = Cli.OneTimePassword(await _store.RunAsync("user", "add", "alice"));
        await using var gate = await StoreGate.StartAsync(_store);

        var signIn = await gate.SignInAsync("alice", password);

        Assert.True(signIn.Status == HttpStatusCode.OK, signIn.ToString());
        Assert.True(signIn.Body.GetProperty("session").GetProperty("password_change_required").GetBoolean());
    }

    [Fact]
    public async Task Add_TwoUsers_GetDifferentOneTimePasswords()
    {
        var alice = await _store.RunAsync("user", "add", "alice");
        var bob = await _store.RunAsync("user", "add", "bob");

        Assert.NotEqual(Cli.OneTimePassword(alice), Cli.OneTimePassword(bob));
    }

    [Fact]
    public async Task Add_WithOperatorAndDisplayName_ListsThem()
    {
        var result = await _store.RunAsync("user", "add", "carol", "--operator", "--display-name", "Carol Risk");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var carol = await FindAsync("carol");
        Assert.Equal("operator", carol.GetProperty("role").GetString());
        Assert.Equal("Carol Risk", carol.GetProperty("display_name").GetString());
    }

    [Fact]
    public async Task Add_ExistingUsername_FailsWithUserExists()
    {
        await _store.RunAsync("user", "add", "alice");

        var again = await _store.RunAsync("user", "add", "alice");

        Assert.True(again.ExitCode == ExitCodes.Failed, again.ToString());
        var line = Assert.Single(again.ErrorLines);
        Assert.StartsWith("portcullis: user.exists", line, StringComparison.Ordinal);
        Assert.DoesNotMatch(Cli.OneTimePasswordLine(), again.Out);
    }

    [Fact]
    public async Task Add_ExistingUsernameInOtherCase_FailsWithUserExists()
    {
        await _store.RunAsync("user", "add", "alice");

        var again = await _store.RunAsync("user", "add", "ALICE");

        Assert.Equal(ExitCodes.Failed, again.ExitCode);
        Assert.StartsWith("portcullis: user.exists", Assert.Single(again.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_InvalidUsername_FailsWithInvalidUsername()
    {
        var result = await _store.RunAsync("user", "add", "a b");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.StartsWith("portcullis: user.invalid_username", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ShowsEveryUserInATable()
    {
        await _store.RunAsync("user", "add", "alice");

        var result = await _store.RunAsync("user", "list");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains(result.OutLines, l => l.Contains("admin", StringComparison.Ordinal) && l.Contains("operator", StringComparison.Ordinal));
        Assert.Contains(result.OutLines, l => l.Contains("alice", StringComparison.Ordinal) && l.Contains("account_holder", StringComparison.Ordinal));
        Assert.Contains("2 user(s).", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_WithJson_WritesOneJsonObjectPerUser()
    {
        await _store.RunAsync("user", "add", "alice");

        var result = await _store.RunAsync("user", "list", "--json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var users = result.OutLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["admin", "alice"], users.Select(u => u.GetProperty("username").GetString()).Order());
        Assert.All(users, u =>
        {
            Assert.Equal(JsonValueKind.Object, u.ValueKind);
            Assert.True(Guid.TryParse(u.GetProperty("id").GetString(), out _));
            Assert.Equal("active", u.GetProperty("status").GetString());
        });
    }

    [Fact]
    public async Task Disable_ExistingUser_IsDisabledAndCannotSignIn()
    {
        var password = Cli.OneTimePassword(await _store.RunAsync("user", "add", "alice"));

        var result = await _store.RunAsync("user", "disable", "alice");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("User 'alice' disabled", result.Out, StringComparison.Ordinal);
        Assert.Equal("disabled", (await FindAsync("alice")).GetProperty("status").GetString());
        await using var gate = await StoreGate.StartAsync(_store);
        Assert.Equal(HttpStatusCode.Unauthorized, (await gate.SignInAsync("alice", password)).Status);
    }

    [Fact]
    public async Task Enable_DisabledUser_IsActiveAndCanSignIn()
    {
        var password = Cli.OneTimePassword(await _store.RunAsync("user", "add", "alice"));
        await _store.RunAsync("user", "disable", "alice");

        var result = await _store.RunAsync("user", "enable", "alice");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("User 'alice' enabled.", result.Out, StringComparison.Ordinal);
        Assert.Equal("active", (await FindAsync("alice")).GetProperty("status").GetString());
        await using var gate = await StoreGate.StartAsync(_store);
        Assert.Equal(HttpStatusCode.OK, (await gate.SignInAsync("alice", password)).Status);
    }

    [Fact]
    public async Task Unlock_ThrottledUser_CanSignInAgainAtOnce()
    {
        var password = Cli.OneTimePassword(await _store.RunAsync("user", "add", "alice"));
        await using var gate = await StoreGate.StartAsync(_store, new Dictionary<string, string?>
        {
            // One failure locks the username out for an hour: only an unlock lets the right password in now.
            ["SignIn:Account:FreeAttempts"] = "0",
            ["SignIn:Account:BaseDelay"] = "01:00:00",
            ["SignIn:Account:MaxDelay"] = "01:00:00",
        });
        Assert.Equal(HttpStatusCode.Unauthorized, (await gate.SignInAsync("alice", "wrong-password-wrong-password")).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await gate.SignInAsync("alice", password)).Status);

        var result = await _store.RunAsync("user", "unlock", "alice");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("User 'alice' unlocked.", result.Out, StringComparison.Ordinal);
        var signIn = await gate.SignInAsync("alice", password);
        Assert.True(signIn.Status == HttpStatusCode.OK, signIn.ToString());
    }

    [Fact]
    public async Task ResetPassword_ExistingUser_NewOneTimePasswordWorksAndTheOldOneDoesNot()
    {
        var old = Cli.OneTimePassword(await _store.RunAsync("user", "add", "alice"));

        var result = await _store.RunAsync("user", "reset-password", "alice");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var fresh = Cli.OneTimePassword(result);
        Assert.NotEqual(old, fresh);
        await using var gate = await StoreGate.StartAsync(_store);
        Assert.Equal(HttpStatusCode.Unauthorized, (await gate.SignInAsync("alice", old)).Status);
        var signIn = await gate.SignInAsync("alice", fresh);
        Assert.True(signIn.Status == HttpStatusCode.OK, signIn.ToString());
        Assert.True(signIn.Body.GetProperty("session").GetProperty("password_change_required").GetBoolean());
    }

    [Fact]
    public async Task AdminChanges_AreRecordedInTheAuditChain()
    {
        await _store.RunAsync("user", "add", "alice");
        await _store.RunAsync("user", "disable", "alice");
        await _store.RunAsync("user", "enable", "alice");
        await _store.RunAsync("user", "unlock", "alice");
        await _store.RunAsync("user", "reset-password", "alice");

        var export = await _store.RunAsync("audit", "export");

        var types = export.OutLines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("type").GetString());
        Assert.Equal(["user.created", "user.created", "user.disabled", "user.enabled", "user.unlocked", "password.reset", "cooldown.started"], types);
    }

    public static TheoryData<string> UserChanges => new() { "disable", "enable", "unlock", "reset-password" };

    [Theory]
    [MemberData(nameof(UserChanges))]
    public async Task Change_UnknownUser_FailsWithUserNotFound(string change)
    {
        var result = await _store.RunAsync("user", change, "nobody");

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("portcullis: user.not_found", line, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    private async Task<JsonElement> FindAsync(string username)
    {
        var list = await _store.RunAsync("user", "list", "--json");
        Assert.True(list.ExitCode == ExitCodes.Ok, list.ToString());
        return list.OutLines.Select(l => JsonDocument.Parse(l).RootElement).Single(u => u.GetProperty("username").GetString() == username);
    }

    [Fact]
    public async Task Add_WithEmail_GivesTheUserANotificationAddress()
    {
        var result = await _store.RunAsync("user", "add", "erin", "--email", "Erin@Example.COM");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var db = _store.OpenDatabase();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT c.channel, c.address FROM notification_contacts c JOIN users u ON u.id = c.user_id WHERE u.username = 'erin'";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(("Email", "Erin@example.com"), (reader.GetString(0), reader.GetString(1)));
    }

    [Fact]
    public async Task Add_WithABadEmail_CreatesNothing()
    {
        var result = await _store.RunAsync("user", "add", "frank", "--email", "not an address");

        Assert.NotEqual(ExitCodes.Ok, result.ExitCode);
        Assert.StartsWith("portcullis: notification.contact_invalid", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        var list = await _store.RunAsync("user", "list", "--json");
        Assert.DoesNotContain("frank", list.Out, StringComparison.Ordinal);
    }

}
