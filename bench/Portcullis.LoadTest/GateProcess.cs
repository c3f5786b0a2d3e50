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
            var process = Start(gateAssembly, ["serve", "--data-dir", dataDirectory, "--urls", "http://127.0.0.1:0"], redirectInput: false);
            var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
            var errors = new Queue<string>();
            process.OutputDataReceived += (_, e) =>
            {
                // Request log lines are read and dropped, so that the gate never blocks on a full pipe.
                if (!listening.Task.IsCompleted && e.Data is { } line && TryParseAddress(line, out var address))
                {
                    listening.TrySetResult(address);
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
            if (await Task.WhenAny(listening.Task, exited) != listening.Task)
            {
                process.Kill(entireProcessTree: true);
                string detail;
                lock (errors)
                {
                    detail = string.Join(Environment.NewLine, errors);
                }

                throw new InvalidOperationException($"The gate did not start listening within 60 s. Its last errors:{Environment.NewLine}{detail}");
            }

            var gate = new GateProcess(dataDirectory, process, await listening.Task);
            log.WriteLine($"Gate (pid {process.Id}) listening on {gate.BaseAddress}.");
            return gate;
        }
        catch
        {
            TryDelete(dataDirectory);
            throw;
        }
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
        using var process = Start(gateAssembly, arguments, redirectInput: input is not null);
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

    private static Process Start(string gateAssembly, IEnumerable<string> arguments, bool redirectInput)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
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
