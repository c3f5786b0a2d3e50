using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Portcullis.Core.Audit;
using Portcullis.Core.Persistence;
using Portcullis.Core.Users;
using Portcullis.Server.Hosting;
using Portcullis.Server.Http;
using Portcullis.Server.Trading;

namespace Portcullis.Testing;

/// <summary>
/// The real gate on real Kestrel (a loopback port of its own) over a fresh SQLite file or PostgreSQL
/// database, with a <see cref="FakeTimeProvider"/> and every log line captured.
/// </summary>
public sealed class TestGate : IAsyncDisposable
{
    public const string StrongPassword = "correct-fjord-lantern-quartz-7";

    private readonly TempDirectory _data = new();
    private WebApplication? _app;

    private TestGate()
    {
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero));

    /// <summary>
    /// Moves <see cref="Time"/> up to the real clock (never back), for a test whose other party signs or checks with the real
    /// clock (the CLI, a Standard Webhooks verifier): on a loaded machine minutes may pass between the gate's start and the call.
    /// </summary>
    public void FollowTheRealClock()
    {
        var now = TimeProvider.System.GetUtcNow();
        if (now > Time.GetUtcNow())
        {
            Time.SetUtcNow(now);
        }
    }

    public CapturedLogs Logs { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public string DataDirectory => _data.Path;

    public string SqliteFile => Path.Combine(_data.Path, "portcullis.db");

    public static JsonSerializerOptions Json => JsonDefaults.Options;

    /// <summary>Starts a gate. <paramref name="settings"/> override configuration keys (e.g. <c>SignIn:HardStopAfter</c>).</summary>
    public static async Task<TestGate> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, string? postgres = null,
        Action<IServiceCollection>? services = null)
    {
        var gate = new TestGate();
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Server:Urls"] = "http://127.0.0.1:0",
            ["Storage:DataDirectory"] = gate._data.Path,
            ["Logging:LogLevel:Default"] = "Debug",
        };
        if (postgres is not null)
        {
            overrides["Storage:Provider"] = "postgres";
            overrides["Storage:ConnectionString"] = postgres;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        var builder = GateApp.CreateBuilder(configFile: null, overrides, b =>
        {
            b.Logging.ClearProviders();
            b.Logging.SetMinimumLevel(LogLevel.Trace);
            b.Logging.AddProvider(gate.Logs);
            b.Services.AddSingleton<TimeProvider>(gate.Time);
            services?.Invoke(b.Services);
        });
        gate._app = GateApp.Build(builder);
        var problems = gate._app.Services.CheckConfiguration();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Bad test configuration: " + string.Join("; ", problems));
        }

        await gate._app.Services.MigrateAllAsync(CancellationToken.None);
        await gate._app.StartAsync();
        var address = gate._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        gate.BaseAddress = new Uri(address.Replace("127.0.0.1", "localhost", StringComparison.Ordinal));
        return gate;
    }

    /// <summary>A client without cookies (a native client).</summary>
    public HttpClient CreateClient() => new(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = BaseAddress };

    /// <summary>Creates an account holder with a known password (no one-time change required).</summary>
    public async Task<User> CreateUserAsync(string username, string password = StrongPassword, UserRole role = UserRole.AccountHolder)
    {
        var result = await Services.GetRequiredService<UserService>().CreateAsync(new NewUser(username, username, role, password), "test", CancellationToken.None);
        return result.IsSuccess ? result.Value.User : throw new InvalidOperationException(result.Error.Code);
    }

    /// <summary>Signs in over HTTP as a native client and returns the parsed answer (throws unless 200).</summary>
    public async Task<JsonElement> SignInAsync(HttpClient client, string username, string password = StrongPassword, string? deviceToken = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/sign-in", new { username, password, device_token = deviceToken });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return response.IsSuccessStatusCode ? body : throw new InvalidOperationException($"sign-in answered {(int)response.StatusCode}: {body}");
    }

    /// <summary>Every audit event in the store, oldest first.</summary>
    public async Task<List<AuditEvent>> ReadAuditAsync()
    {
        await using var unit = await Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        var events = new List<AuditEvent>();
        await foreach (var e in unit.Audit.ReadAllAsync(CancellationToken.None))
        {
            events.Add(e);
        }

        return events;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }
}
