using System.Diagnostics;
using System.Text.Json;

namespace Portcullis.LoadTest.Signed;

/// <summary>
/// Drives one <see cref="Scenario"/> from a fixed number of loops, back to back, each on its own keep-alive HTTP/1.1
/// connection of one <see cref="SocketsHttpHandler"/> (one client per scenario, shared by its loops: signing is per request
/// and the handlers are thread-safe). Any answer but a 2xx is counted by status and problem code, and the loop goes on.
/// </summary>
public sealed class SignedLoad : IDisposable
{
    private readonly Scenario _scenario;
    private readonly HttpClient _client;
    private readonly LoopState[] _loops;

    public SignedLoad(Scenario scenario, int concurrency)
    {
        _scenario = scenario;
        _loops = [.. Enumerable.Range(0, concurrency).Select(i => new LoopState(i))];
        _client = scenario.Signer.CreateClient(scenario.Server, new SocketsHttpHandler
        {
            UseCookies = false,
            MaxConnectionsPerServer = concurrency,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        });
        _client.Timeout = TimeSpan.FromSeconds(60);
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("portcullis-loadtest/1.0");
    }

    public Scenario Scenario => _scenario;

    public async Task<ScenarioSample> RunAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        var cpu = new CpuClock(_scenario.ServerProcess);
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var tallies = await Task.WhenAll(_loops.Select(loop => Task.Run(() => LoopAsync(loop, deadline, cancellationToken), cancellationToken)));
        var use = cpu.Stop();
        var latencies = tallies.SelectMany(t => t.Latencies).ToList();
        var succeeded = tallies.Sum(t => t.Succeeded);
        var errors = tallies.SelectMany(t => t.Errors).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Value), StringComparer.Ordinal);
        return new ScenarioSample(succeeded, succeeded / duration.TotalSeconds, errors, Stats.Percentile(latencies, 50),
            Stats.Percentile(latencies, 95), Stats.Percentile(latencies, 99), use);
    }

    public void Dispose() => _client.Dispose();

    private async Task<Tally> LoopAsync(LoopState loop, long deadline, CancellationToken cancellationToken)
    {
        var tally = new Tally();
        while (Stopwatch.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested)
        {
            using var request = _scenario.NextRequest(loop);
            loop.Sent++;
            var sent = Stopwatch.GetTimestamp();
            string? error;
            try
            {
                using var response = await _client.SendAsync(request, cancellationToken);
                var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    loop.Completed++;
                    error = null;
                }
                else
                {
                    error = $"{(int)response.StatusCode} {ProblemCode(bytes) ?? response.StatusCode.ToString()}";
                }
            }
            catch (Exception ex) when (ex is HttpRequestException ||
                (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                error = $"transport: {ex.GetType().Name}";
            }

            var ended = Stopwatch.GetTimestamp();
            if (ended > deadline)
            {
                break;
            }

            tally.Count(error, Stopwatch.GetElapsedTime(sent, ended).TotalMilliseconds);
        }

        return tally;
    }

    private static string? ProblemCode(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("code", out var code) &&
                code.ValueKind == JsonValueKind.String ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed class Tally
    {
        public List<double> Latencies { get; } = [];

        public Dictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);

        public long Succeeded { get; private set; }

        public void Count(string? error, double milliseconds)
        {
            if (error is null)
            {
                Succeeded++;
                Latencies.Add(milliseconds);
            }
            else
            {
                Errors[error] = Errors.GetValueOrDefault(error) + 1;
            }
        }
    }
}
