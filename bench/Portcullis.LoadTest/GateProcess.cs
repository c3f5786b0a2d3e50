using System.Diagnostics;

namespace Portcullis.LoadTest;

/// <summary>
/// The gate as an operator runs it: the <c>portcullis</c> executable, <c>init</c> and <c>user add</c> to
/// prepare a fresh SQLite store in a temp folder, then <c>serve</c> on a free loopback port. Disposing
/// stops the process and deletes the folder.
/// </summary>
public sealed class GateProcess : IAsyncDisposable
{
    private const string ListeningMarker = "listening on ";
    private const string DemoRunningMarker = "Portcullis demo is running at ";
    private const string OneTimePasswordMarker = "one-time password:";


    private readonly string _dataDirectory;
    private readonly Process _process;

    private GateProcess(string dataDirectory, Process process, Uri baseAddress)
    {
        _dataDirectory = dataDirectory;
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public Process Process => _process;

    /// <summary>The demo user's one-time password (<see cref="StartDemoAsync"/> only).</summary>
    public string? OneTimePassword { get; private init; }

    /// <summary>Creates the store and the users with the CLI, then starts <c>serve</c> and waits until it listens.</summary>
    public static async Task<GateProcess> StartAsync(string gateAssembly, IReadOnlyList<LoadUser> users, TextWriter log,
        CancellationToken cancellationToken)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "portcullis-loadtest", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        try
        {
            await RunCliAsync(gateAssembly, ["init", "--data-dir", dataDirectory], null, cancellationToken);
            foreach (var user in users)
            {
                await RunCliAsync(gateAssembly, ["user", "add", user.Username, "--password-stdin", "--data-dir", dataDirectory],
                    user.Password, cancellationToken);
            }

            log.WriteLine($"Store ready in {dataDirectory} with {users.Count} users.");
            var (process, address) = await StartListeningAsync(gateAssembly, ["serve", "--data-dir", dataDirectory, "--urls", "http://127.0.0.1:0"],
                null, line => TryParseAddress(line, out var a) ? a : null, cancellationToken);
            var gate = new GateProcess(dataDirectory, process, address);
            log.WriteLine($"Gate (pid {process.Id}) listening on {gate.BaseAddress}.");
            return gate;
        }
        catch
        {
            TryDelete(dataDirectory);
            throw;
        }
    }

    /// <summary>
    /// <c>portcullis demo</c> on a fresh SQLite store in a temp folder (as shipped: WAL with group commit): a demo
    /// account holder with a one-time password and a funded paper account, then the gate on a free loopback port.
    /// <paramref name="environment"/> adds configuration (<c>PORTCULLIS_…</c> variables).
    /// </summary>
    public static async Task<GateProcess> StartDemoAsync(string gateAssembly, IReadOnlyDictionary<string, string> environment, TextWriter log,
        CancellationToken cancellationToken)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "portcullis-loadtest", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        try
        {
            Uri? url = null;
            string? password = null;
            var (process, address) = await StartListeningAsync(gateAssembly, ["demo", "--data-dir", dataDirectory, "--urls", "http://127.0.0.1:0"],
                environment, line =>
                {
                    // The welcome: "Portcullis demo is running at URL", "  one-time password: X   (a new one …)", …, "Press Ctrl+C to stop."
                    var text = line.Trim();
                    if (text.StartsWith(DemoRunningMarker, StringComparison.Ordinal))
                    {
                        url = Uri.TryCreate(text[DemoRunningMarker.Length..].Trim(), UriKind.Absolute, out var u) ? u : null;
                    }
                    else if (text.StartsWith(OneTimePasswordMarker, StringComparison.Ordinal))
                    {
                        password = text[OneTimePasswordMarker.Length..].Trim().Split(' ')[0];
                    }

                    return text.StartsWith("Press Ctrl+C", StringComparison.Ordinal) && password is not null ? url : null;
                }, cancellationToken);
            var gate = new GateProcess(dataDirectory, process, address) { OneTimePassword = password };
            log.WriteLine($"Demo gate (pid {process.Id}) listening on {gate.BaseAddress}, store in {dataDirectory}.");
            return gate;
        }
        catch
        {
            TryDelete(dataDirectory);
            throw;
        }
    }

    /// <summary>
    /// Starts <c>dotnet <paramref name="assembly"/> <paramref name="arguments"/></c> and reads its standard output until
    /// <paramref name="listening"/> returns the address it listens on (60 s at most); keeps reading and dropping the output
    /// afterwards, so that the process never blocks on a full pipe.
    /// </summary>
    internal static async Task<(Process Process, Uri Address)> StartListeningAsync(string assembly, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment, Func<string, Uri?> listening, CancellationToken cancellationToken)
    {
        var process = Start(assembly, arguments, redirectInput: false, environment);
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new Queue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (ready.Task.IsCompleted || e.Data is not { } line)
            {
                return;
            }

            if (listening(line) is { } address)
            {
                ready.TrySetResult(address);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (errors)
            {
                errors.Enqueue(e.Data);
                if (errors.Count > 20)
                {
                    errors.Dequeue();
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var exited = process.WaitForExitAsync(timeout.Token);
        if (await Task.WhenAny(ready.Task, exited) != ready.Task)
        {
            process.Kill(entireProcessTree: true);
            string detail;
            lock (errors)
            {
                detail = string.Join(Environment.NewLine, errors);
            }

            process.Dispose();
            throw new InvalidOperationException($"{Path.GetFileName(assembly)} did not start listening within 60 s. Its last errors:{Environment.NewLine}{detail}");
        }

        return (process, await ready.Task);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        TryDelete(_dataDirectory);
    }

    /// <summary>Reads "Portcullis is listening on http://127.0.0.1:40213. Press Ctrl+C to stop."</summary>
    internal static bool TryParseAddress(string line, out Uri address)
    {
        address = null!;
        var at = line.IndexOf(ListeningMarker, StringComparison.Ordinal);
        if (at < 0)
        {
            return false;
        }

        var rest = line[(at + ListeningMarker.Length)..];
        var end = rest.IndexOf(' ', StringComparison.Ordinal);
        var first = (end < 0 ? rest : rest[..end]).Split(',')[0].TrimEnd('.');
        return Uri.TryCreate(first, UriKind.Absolute, out address!);
    }

    private static async Task RunCliAsync(string gateAssembly, string[] arguments, string? input, CancellationToken cancellationToken)
    {
        using var process = Start(gateAssembly, arguments, redirectInput: input is not null, null);
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input.AsMemory(), cancellationToken);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'portcullis {arguments[0]} {arguments[1]}' exited with {process.ExitCode}: {await error}{await output}");
        }
    }

    private static Process Start(string gateAssembly, IEnumerable<string> arguments, bool redirectInput,
        IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(gateAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
