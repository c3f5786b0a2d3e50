using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Portcullis.LoadTest;

/// <summary>
/// Drives <c>POST /api/v1/sign-in</c> from a fixed number of loops, each on its own keep-alive connection,
/// each signing in as its own user with the right password, back to back, for a fixed time. A loop keeps
/// the device token of its first sign-in and presents it afterwards, as a native client does (unless
/// <c>--new-devices</c>). 429s are counted and the loop goes on at once.
/// </summary>
public sealed class SignInLoad : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    private readonly HttpClient _client;
    private readonly IReadOnlyList<LoadUser> _users;
    private readonly int _concurrency;
    private readonly bool _newDevices;
    private readonly Process? _gate;

    public SignInLoad(Uri baseAddress, IReadOnlyList<LoadUser> users, int concurrency, bool newDevices, Process? gate)
    {
        _users = users;
        _concurrency = concurrency;
        _newDevices = newDevices;
        _gate = gate;
        _client = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            MaxConnectionsPerServer = concurrency,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("portcullis-loadtest/1.0");
    }

    public async Task<SignInSample> RunAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        var cpu = new CpuClock(_gate);
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var loops = Enumerable.Range(0, _concurrency)
            .Select(i => Task.Run(() => LoopAsync(_users[i % _users.Count], deadline, cancellationToken), cancellationToken))
            .ToArray();
        var tallies = await Task.WhenAll(loops);
        var use = cpu.Stop();
        var latencies = tallies.SelectMany(t => t.Latencies).ToList();
        var succeeded = tallies.Sum(t => t.Succeeded);
        return new SignInSample(
            succeeded,
            succeeded / duration.TotalSeconds,
            tallies.Sum(t => t.Busy),
            tallies.Sum(t => t.Throttled),
            tallies.Sum(t => t.Unauthorized),
            tallies.Sum(t => t.Other),
            Stats.Percentile(latencies, 50),
            Stats.Percentile(latencies, 95),
            tallies.Select(t => t.FirstProblem).FirstOrDefault(p => p is not null),
            use);
    }

    public void Dispose() => _client.Dispose();

    private async Task<Tally> LoopAsync(LoadUser user, long deadline, CancellationToken cancellationToken)
    {
        var tally = new Tally();
        while (Stopwatch.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested)
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(
                new SignInPayload(user.Username, user.Password, _newDevices ? null : user.DeviceToken), Json);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sign-in")
            {
                Content = new ByteArrayContent(body) { Headers = { ContentType = JsonType } },
            };
            var sent = Stopwatch.GetTimestamp();
            HttpStatusCode? status = null;
            string? code = null;
            try
            {
                using var response = await _client.SendAsync(request, cancellationToken);
                var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                status = response.StatusCode;
                if (status == HttpStatusCode.OK)
                {
                    if (!_newDevices && user.DeviceToken is null)
                    {
                        user.DeviceToken = ReadString(bytes, "device_token");
                    }
                }
                else
                {
                    code = ReadString(bytes, "code");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException ||
                (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // A transport error or the client's timeout: counted below as "other".
            }

            var ended = Stopwatch.GetTimestamp();
            if (ended > deadline)
            {
                break;
            }

            tally.Count(status, code, Stopwatch.GetElapsedTime(sent, ended).TotalMilliseconds);
        }

        return tally;
    }

    private static string? ReadString(byte[] json, string property)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record SignInPayload(string Username, string Password, string? DeviceToken);

    private sealed class Tally
    {
        public List<double> Latencies { get; } = [];

        public long Succeeded { get; private set; }

        public long Busy { get; private set; }

        public long Throttled { get; private set; }

        public long Unauthorized { get; private set; }

        public long Other { get; private set; }

        public string? FirstProblem { get; private set; }

        public void Count(HttpStatusCode? status, string? code, double milliseconds)
        {
            if (status != HttpStatusCode.OK)
            {
                FirstProblem ??= status is null ? "transport error" : $"{(int)status} {code}";
            }

            switch (status)
            {
                case HttpStatusCode.OK:
                    Succeeded++;
                    Latencies.Add(milliseconds);
                    break;
                case HttpStatusCode.TooManyRequests when code == "signin.busy":
                    Busy++;
                    break;
                case HttpStatusCode.TooManyRequests:
                    Throttled++;
                    break;
                case HttpStatusCode.Unauthorized:
                    Unauthorized++;
                    break;
                default:
                    Other++;
                    break;
            }
        }
    }
}
