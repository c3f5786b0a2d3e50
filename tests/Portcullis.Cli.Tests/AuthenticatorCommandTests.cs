using System.Net;
using System.Runtime.Versioning;
using System.Text.Json;

namespace Portcullis.Cli.Tests;

/// <summary><c>portcullis authenticator enrol|run|code</c>, run in-process.</summary>
public sealed class AuthenticatorCommandTests : AuthenticatorTests
{
    [Fact]
    public async Task Enrol_WritesAKeyFileOnlyItsOwnerCanRead_HoldingTheDeviceAndItsKeys()
    {
        var result = await Cli.RunAsync("authenticator", "enrol", "--server", Server, "--code", await EnrollmentCodeAsync(), "--name", "CLI phone",
            "--file", KeyFile);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("Enrolled \"CLI phone\"", result.Out, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(KeyFile)!));
        }

        using var file = JsonDocument.Parse(await File.ReadAllTextAsync(KeyFile));
        var root = file.RootElement;
        Assert.Equal(Server + "/", root.GetProperty("server").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal(43, root.GetProperty("signing_key").GetString()!.Length);
        Assert.Equal(43, root.GetProperty("offline_seed").GetString()!.Length);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(KeyFile)!, "*.tmp"));
    }

    [Fact]
    public async Task Enrol_AcceptsTheWholeLink_WithoutServer()
    {
        var code = await EnrollmentCodeAsync();
        var link = $"portcullis-authenticator://enrol?server={Uri.EscapeDataString(Server)}&code={code}";

        var result = await Cli.RunAsync("authenticator", "enrol", "--code", link, "--file", KeyFile);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
    }

    [Fact]
    public async Task Enrol_WithAUsedCode_FailsWithTheGatesCode_AndWritesNothing()
    {
        var code = await EnrollmentCodeAsync();
        Assert.Equal(ExitCodes.Ok, (await Cli.RunAsync("authenticator", "enrol", "--server", Server, "--code", code, "--file", KeyFile)).ExitCode);
        var other = KeyFile + ".2";

        var result = await Cli.RunAsync("authenticator", "enrol", "--server", Server, "--code", code, "--file", other);

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.Contains("factor.enrollment_invalid", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(other));
    }

    [Fact]
    public async Task Enrol_DoesNotReplaceAKeyFile_WithoutForce()
    {
        await EnrolAsync();
        var before = await File.ReadAllTextAsync(KeyFile);

        var result = await Cli.RunAsync("authenticator", "enrol", "--server", Server, "--code", "pce_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "--file", KeyFile);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Contains("--force", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(KeyFile));
    }

    [Theory]
    [InlineData("http://gate.example.com", "https")]
    [InlineData("ftp://localhost", "http(s)")]
    public async Task Enrol_RefusesAnUnsafeServer(string server, string named)
    {
        var result = await Cli.RunAsync("authenticator", "enrol", "--server", server, "--code", "pce_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "--file", KeyFile);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Contains(named, result.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    [UnsupportedOSPlatform("windows")]
    public async Task Run_RefusesAKeyFileOthersCanRead()
    {
        Skip.If(OperatingSystem.IsWindows(), "Unix file modes");
        await EnrolAsync();
        File.SetUnixFileMode(KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var result = await Cli.RunAsync("authenticator", "run", "--once", "--deny", "--timeout", "5", "--file", KeyFile);

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.Contains("permissions are too open", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithoutAKeyFile_SaysToEnrol()
    {
        var result = await Cli.RunAsync("authenticator", "run", "--once", "--file", KeyFile);

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.Contains("authenticator enrol", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_GivesUp_WhenNoRequestArrivesInTime()
    {
        await EnrolAsync();

        var result = await Cli.RunAsync("authenticator", "run", "--once", "--deny", "--timeout", "1", "--file", KeyFile);

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.Contains("no sign-in request arrived within 1 s", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--approve-number", "7")]
    [InlineData("--approve-number", "100")]
    public async Task Run_RefusesANumberThatIsNotTwoDigits(string option, string value)
    {
        var result = await Cli.RunAsync("authenticator", "run", option, value, "--file", KeyFile);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
    }

    [Fact]
    public async Task Run_RefusesTwoAnswerModes()
    {
        var result = await Cli.RunAsync("authenticator", "run", "--approve-number", "42", "--deny", "--file", KeyFile);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
    }

    [Fact]
    public async Task Run_Deny_FailsTheSignIn()
    {
        await EnrolAsync();
        var flow = await PasswordStepAsync();
        await SendPushAsync(flow);

        var result = await Cli.RunAsync("authenticator", "run", "--once", "--deny", "--timeout", "30", "--file", KeyFile);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var completed = await PostAsync("/api/v1/sign-in/push/complete", new { flow });
        Assert.Equal(HttpStatusCode.Forbidden, completed.Status);
        Assert.Equal("push.denied", Code(completed.Body));
    }

    [Fact]
    public async Task Code_PrintsAnOfflineCode_TheGateAcceptsOnce()
    {
        await EnrolAsync();

        var result = await Cli.RunAsync("authenticator", "code", "--file", KeyFile);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        var code = result.OutLines[0];
        Assert.Matches("^[0-9]{8}$", code);
        var signedIn = await PostAsync("/api/v1/sign-in/offline-code", new { flow = await PasswordStepAsync(), code });
        Assert.True(signedIn.Status == HttpStatusCode.OK, signedIn.ToString());
        var replayed = await PostAsync("/api/v1/sign-in/offline-code", new { flow = await PasswordStepAsync(), code });
        Assert.Equal("factor.invalid", Code(replayed.Body));
    }

    [Fact]
    public async Task Help_ListsTheSubcommands()
    {
        var result = await Cli.RunAsync("authenticator", "--help");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("enrol", result.Out, StringComparison.Ordinal);
        Assert.Contains("run", result.Out, StringComparison.Ordinal);
        Assert.Contains("code", result.Out, StringComparison.Ordinal);
    }
}
