using System.Globalization;
using System.Net;

namespace Portcullis.Cli.Tests;

/// <summary>The acceptance: the real <c>portcullis authenticator</c> process enrols, then approves a sign-in by number matching.</summary>
public sealed class AuthenticatorProcessTests : AuthenticatorTests
{
    private async Task EnrolByProcessAsync()
    {
        var enrol = await RunProcessAsync(["authenticator", "enrol", "--server", Server, "--code", await EnrollmentCodeAsync(), "--name", "CLI phone",
            "--file", KeyFile]);
        Assert.True(enrol.ExitCode == ExitCodes.Ok, enrol.ToString());
    }

    [Fact]
    public async Task TheAuthenticatorProcess_ApprovesASignIn_WithTheRightNumber()
    {
        await EnrolByProcessAsync();
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFile));
        }

        var flow = await PasswordStepAsync();
        var number = await SendPushAsync(flow);

        var run = await RunProcessAsync(["authenticator", "run", "--once", "--approve-number", number.ToString(CultureInfo.InvariantCulture),
            "--timeout", "60", "--file", KeyFile]);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("Sign in to Portcullis as alice", run.Out, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", run.Out, StringComparison.Ordinal);
        Assert.Contains("this computer (loopback)", run.Out, StringComparison.Ordinal);
        Assert.Contains(run.OutLines, l => l.StartsWith("  numbers:", StringComparison.Ordinal) && l.Contains(number.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Contains($"Approved with {number}", run.Out, StringComparison.Ordinal);
        var completed = await PostAsync("/api/v1/sign-in/push/complete", new { flow });
        Assert.True(completed.Status == HttpStatusCode.OK, completed.ToString());
        var methods = completed.Body.GetProperty("session").GetProperty("authentications").EnumerateArray().Select(a => a.GetProperty("method").GetString());
        Assert.Equal(["password", "push"], methods);
    }

    [Fact]
    public async Task TheAuthenticatorProcess_FailsWithAWrongNumber_AndTheSignInIsRefused()
    {
        await EnrolByProcessAsync();
        var flow = await PasswordStepAsync();
        var number = await SendPushAsync(flow);
        var wrong = await WrongChoiceAsync(number);

        var run = await RunProcessAsync(["authenticator", "run", "--once", "--approve-number", wrong.ToString(CultureInfo.InvariantCulture),
            "--timeout", "60", "--file", KeyFile]);

        Assert.True(run.ExitCode == ExitCodes.Failed, run.ToString());
        Assert.Contains("push.wrong_number", run.Error, StringComparison.Ordinal);
        var completed = await PostAsync("/api/v1/sign-in/push/complete", new { flow });
        Assert.Equal(HttpStatusCode.Unauthorized, completed.Status);
        Assert.Equal("push.failed", Code(completed.Body));
    }

    [Fact]
    public async Task Interactively_TheNumberTypedIsSent()
    {
        await EnrolByProcessAsync();
        var flow = await PasswordStepAsync();
        var number = await SendPushAsync(flow);

        var run = await RunProcessAsync(["authenticator", "run", "--once", "--timeout", "60", "--file", KeyFile],
            standardInput: number.ToString(CultureInfo.InvariantCulture) + "\n");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("Pick the number shown on the sign-in screen", run.Out, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/api/v1/sign-in/push/complete", new { flow })).Status);
    }

    [Fact]
    public async Task TheAuthenticatorProcess_WaitsForAPushSentAfterItStarted()
    {
        await EnrolByProcessAsync();
        var flow = await PasswordStepAsync();

        // The process long-polls; the push is sent once it is running (or before its first poll: either way it must answer it).
        var running = RunProcessAsync(["authenticator", "run", "--once", "--deny", "--timeout", "60", "--file", KeyFile]);
        await SendPushAsync(flow);
        var run = await running;

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("Denied", run.Out, StringComparison.Ordinal);
        var completed = await PostAsync("/api/v1/sign-in/push/complete", new { flow });
        Assert.Equal("push.denied", Code(completed.Body));
    }
}
