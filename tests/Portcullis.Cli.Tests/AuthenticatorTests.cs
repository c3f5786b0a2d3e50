using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Factors.Push;
using Portcullis.Core.Persistence;
using Portcullis.Testing;

namespace Portcullis.Cli.Tests;

/// <summary>
/// Shared set-up for <c>portcullis authenticator</c>: a gate on the real clock (the device signs with the wall
/// clock, as a phone would) with the account holder "alice", a folder for key files, and a runner for the real
/// <c>portcullis</c> process with a bounded wait.
/// </summary>
public abstract class AuthenticatorTests : IAsyncLifetime
{
    /// <summary>Longest a <c>portcullis authenticator</c> process may run before the test kills it and fails.</summary>
    protected static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(90);

    private readonly TempDirectory _folder = new();

    protected TestGate Gate { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    protected string KeyFile => Path.Combine(_folder.Path, "keys", "authenticator.json");

    protected string Server => Gate.BaseAddress.GetLeftPart(UriPartial.Authority);

    public async Task InitializeAsync()
    {
        Gate = await TestGate.StartAsync(
            new Dictionary<string, string?> { ["SignIn:Network:FreeAttempts"] = "1000" },
            services: s => s.AddSingleton(TimeProvider.System));
        await Gate.CreateUserAsync("alice");
        Client = Gate.CreateClient();
        Client.Timeout = TimeSpan.FromSeconds(60);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Gate.DisposeAsync();
        _folder.Dispose();
    }

    /// <summary>An enrolment code from a fresh password-only session of alice's.</summary>
    protected async Task<string> EnrollmentCodeAsync()
    {
        var session = (await Gate.SignInAsync(Client, "alice")).GetProperty("token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/factors/push/enrollment") { Content = JsonContent.Create(new { }) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", session);
        using var response = await Client.SendAsync(request);
        var answer = await HttpAnswer.ReadAsync(response);
        Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
        return answer.Body.GetProperty("code").GetString()!;
    }

    /// <summary>Enrols in-process into <see cref="KeyFile"/>.</summary>
    protected async Task EnrolAsync()
    {
        var result = await Cli.RunAsync("authenticator", "enrol", "--server", Server, "--code", await EnrollmentCodeAsync(), "--name", "CLI phone",
            "--file", KeyFile);
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
    }

    /// <summary>alice's password step; returns the flow handle.</summary>
    protected async Task<string> PasswordStepAsync()
    {
        using var response = await Client.PostAsJsonAsync("/api/v1/sign-in", new { username = "alice", password = TestGate.StrongPassword });
        var answer = await HttpAnswer.ReadAsync(response);
        Assert.True(answer.Body.GetProperty("status").GetString() == "second_factor_required", answer.ToString());
        return answer.Body.GetProperty("flow").GetProperty("handle").GetString()!;
    }

    protected async Task<HttpAnswer> PostAsync(string path, object body)
    {
        using var response = await Client.PostAsJsonAsync(path, body);
        return await HttpAnswer.ReadAsync(response);
    }

    /// <summary>Sends a push for the flow; returns the number shown to the person signing in.</summary>
    protected async Task<int> SendPushAsync(string flow)
    {
        var sent = await PostAsync("/api/v1/sign-in/push", new { flow });
        Assert.True(sent.Status == HttpStatusCode.OK, sent.ToString());
        return sent.Body.GetProperty("number").GetInt32();
    }

    /// <summary>One of the pending push's choices that is not the right number (read from the store, as the device would see it).</summary>
    protected async Task<int> WrongChoiceAsync(int number)
    {
        await using var unit = await Gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        var user = await unit.Users.FindByUsernameAsync("alice", CancellationToken.None);
        var pending = Assert.Single(await unit.PushChallenges.ListPendingForUserAsync(user!.Id, TimeProvider.System.GetUtcNow(), CancellationToken.None));
        return PushNumbers.Parse(pending.Choices).First(c => c != number);
    }

    protected static string Code(JsonElement problem) => problem.GetProperty("code").GetString()!;

    /// <summary>Runs <c>portcullis ARGUMENTS</c> as a real process to its end; killed (and the test failed) after <see cref="ProcessTimeout"/>.</summary>
    protected static async Task<CliResult> RunProcessAsync(string[] arguments, string? standardInput = null)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(PortcullisProcess.CliAssemblyPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("PORTCULLIS_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(error, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
            await process.StandardInput.FlushAsync();
        }

        using var timeout = new CancellationTokenSource(ProcessTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"portcullis {string.Join(' ', arguments)} did not exit within {ProcessTimeout}:\n{output}\n{error}");
        }

        process.WaitForExit();
        lock (output)
        {
            lock (error)
            {
                return new CliResult(process.ExitCode, output.ToString(), error.ToString());
            }
        }
    }

    private static void Append(StringBuilder to, string? line)
    {
        if (line is not null)
        {
            lock (to)
            {
                to.AppendLine(line);
            }
        }
    }

    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        return Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
    }
}
