using System.Diagnostics;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace Portcullis.Testing;

/// <summary>
/// The built <c>portcullis</c> executable as a real child process (<c>dotnet portcullis.dll …</c>) in a working
/// folder of the test's choosing. Started processes are always killed on dispose, and every wait has a timeout.
/// </summary>
public sealed partial class PortcullisProcess : IAsyncDisposable
{
    /// <summary>Longest wait for the process to print that it is serving.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Processes still running, killed if the test host exits or crashes before their test disposes them.</summary>
    private static readonly HashSet<Process> Live = [];

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly bool _waitForPassword;

    static PortcullisProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => KillAll();
    }

    private PortcullisProcess(Process process, bool waitForPassword)
    {
        _process = process;
        _waitForPassword = waitForPassword;
    }

    /// <summary>The first address the process printed (<c>running at</c> / <c>listening on</c>).</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>The one-time password <c>demo</c> printed, if any.</summary>
    public string? OneTimePassword { get; private set; }

    public Process Process => _process;

    /// <summary>Everything the process wrote so far (standard output and error), for assertion messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Where the build put <c>portcullis.dll</c>: the CLI project's output for this test's configuration.</summary>
    public static string CliAssemblyPath
    {
        get
        {
            var configuration = typeof(PortcullisProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var baseDirectory = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
            for (var folder = baseDirectory; folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Portcullis.slnx")))
                {
                    return Path.Combine(folder.FullName, "src", "Portcullis.Cli", "bin", configuration, baseDirectory.Name, "portcullis.dll");
                }
            }

            throw new InvalidOperationException($"Portcullis.slnx not found above {baseDirectory.FullName}");
        }
    }

    /// <summary>Starts <c>portcullis demo</c> on a free loopback port and waits for its welcome.</summary>
    public static Task<PortcullisProcess> StartDemoAsync(string dataDirectory, string workingDirectory) =>
        StartAsync(["demo", "--urls", "http://127.0.0.1:0", "--data-dir", dataDirectory], workingDirectory, waitForPassword: true);

    /// <summary>Starts <c>portcullis serve</c> on a free loopback port and waits until it listens.</summary>
    public static Task<PortcullisProcess> StartServeAsync(string dataDirectory, string workingDirectory) =>
        StartAsync(["serve", "--urls", "http://127.0.0.1:0", "--data-dir", dataDirectory], workingDirectory, waitForPassword: false);

    /// <summary>A client for the process's address with an overall timeout.</summary>
    public HttpClient CreateClient(string? bearer = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    /// <summary>Waits for the process to end by itself; kills it when it does not within the timeout.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            Assert.Fail($"portcullis did not exit within {timeout}:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>Kills the process (and anything it started) and waits for it to go.</summary>
    public async Task StopAsync()
    {
        Kill();
        using var cancel = new CancellationTokenSource(ExitTimeout);
        await _process.WaitForExitAsync(cancel.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            lock (Live)
            {
                Live.Remove(_process);
            }

            _process.Dispose();
        }
    }

    /// <summary>Starts <c>portcullis ARGUMENTS</c>; ready once it printed its address (and, if asked, a one-time password).</summary>
    public static async Task<PortcullisProcess> StartAsync(string[] arguments, string workingDirectory, bool waitForPassword)
    {
        var dll = CliAssemblyPath;
        Assert.True(File.Exists(dll), $"build output not found: {dll}");
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The child's configuration is the test's arguments, not whatever PORTCULLIS_ variables this machine has.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("PORTCULLIS_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var running = new PortcullisProcess(process, waitForPassword);
        process.OutputDataReceived += (_, e) => running.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => running.OnLine(e.Data);
        process.Exited += (_, _) => running._ready.TrySetException(new InvalidOperationException("portcullis exited before it was ready"));
        try
        {
            Assert.True(process.Start(), "could not start portcullis");
            lock (Live)
            {
                Live.Add(process);
            }

            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await running._ready.Task.WaitAsync(StartTimeout);
            return running;
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            var output = running.Output;
            await running.DisposeAsync();
            throw new InvalidOperationException($"portcullis {string.Join(' ', arguments)} did not become ready ({ex.Message}):\n{output}", ex);
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        // This runs on a thread-pool callback: an exception here would end the whole test run, so nothing may throw.
        if (Url is null && UrlLine().Match(line) is { Success: true } url && Uri.TryCreate(url.Groups["url"].Value, UriKind.Absolute, out var address))
        {
            Url = address;
        }

        if (PasswordLine().Match(line) is { Success: true } password)
        {
            OneTimePassword = password.Groups["password"].Value;
        }

        if (Url is not null && (!_waitForPassword || OneTimePassword is not null))
        {
            _ready.TrySetResult();
        }
    }

    private void Kill() => Kill(_process);

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Never started, or already gone.
        }
    }

    private static void KillAll()
    {
        lock (Live)
        {
            foreach (var process in Live)
            {
                Kill(process);
            }
        }
    }

    /// <summary>The <c>dotnet</c> host running these tests, so the child uses the same runtime.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        return Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
    }

    [GeneratedRegex(@"^\s*one-time password:\s+(?<password>\S+)")]
    private static partial Regex PasswordLine();

    /// <summary><c>demo</c>: "Portcullis demo is running at URL"; <c>serve</c>: "Portcullis is listening on URL, URL…".</summary>
    [GeneratedRegex(@"^Portcullis (demo is running at|is listening on) (?<url>https?://[^,\s]*[^,.\s])")]
    private static partial Regex UrlLine();
}
