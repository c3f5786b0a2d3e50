using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Portcullis.LoadTest.Signed;

/// <summary>
/// The baseline of the signed-request scenarios: Kestrel and routing, one <c>GET /bare</c> that answers a small JSON object,
/// nothing else (no logging, no authentication, no storage). It runs as a process of its own, as the gate does, so that
/// the two servers are measured alike: their own thread pool and garbage collector, their CPU read from <c>/proc</c>.
/// </summary>
public static class BareEndpoint
{
    public const string Path = "/bare";

    /// <summary>Serves until cancelled; prints "Bare endpoint listening on URL." once it listens.</summary>
    public static async Task<int> RunAsync(string urls, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        await using var app = builder.Build();
        app.Urls.Add(urls);
        app.MapGet(Path, () => TypedResults.Ok(new BareAnswer("ok", "bare", 1)));
        await app.StartAsync(cancellationToken);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Console.Out.WriteLine($"Bare endpoint listening on {string.Join(", ", addresses)}. Press Ctrl+C to stop.");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or the harness killing it: stop below.
        }

        await app.StopAsync(CancellationToken.None);
        return 0;
    }

    private sealed record BareAnswer(string Status, string Endpoint, int Version);
}

/// <summary>The bare endpoint as a child process of the harness (<c>portcullis-loadtest bare-endpoint</c>).</summary>
public sealed class BareEndpointProcess : IAsyncDisposable
{
    private BareEndpointProcess(Process process, Uri baseAddress)
    {
        Process = process;
        BaseAddress = baseAddress;
    }

    public Process Process { get; }

    public Uri BaseAddress { get; }

    public static async Task<BareEndpointProcess> StartAsync(TextWriter log, CancellationToken cancellationToken)
    {
        var harness = typeof(BareEndpoint).Assembly.Location;
        var (process, address) = await GateProcess.StartListeningAsync(harness, ["bare-endpoint", "--urls", "http://127.0.0.1:0"], null,
            line => GateProcess.TryParseAddress(line, out var a) ? a : null, cancellationToken);
        log.WriteLine($"Bare endpoint (pid {process.Id}) listening on {address}.");
        return new BareEndpointProcess(process, address);
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
        }

        Process.Dispose();
    }
}
