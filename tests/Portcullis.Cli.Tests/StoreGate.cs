using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portcullis.Server.Hosting;

namespace Portcullis.Cli.Tests;

/// <summary>
/// The gate itself, in-process on a loopback port, over a store the CLI made: proves what an admin command did
/// by signing in the way a user would.
/// </summary>
public sealed class StoreGate : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _client;

    private StoreGate(WebApplication app, HttpClient client)
    {
        _app = app;
        _client = client;
    }

    /// <summary>Starts a gate on <paramref name="store"/>; <paramref name="settings"/> override configuration keys.</summary>
    public static async Task<StoreGate> StartAsync(CliStore store, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Server:Urls"] = "http://127.0.0.1:0",
            ["Storage:DataDirectory"] = store.DataDirectory,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        var app = GateApp.Build(GateApp.CreateBuilder(store.ConfigFile, overrides, b => b.Logging.ClearProviders()));
        Assert.Empty(app.Services.CheckConfiguration());
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
        return new StoreGate(app, client);
    }

    public IServiceProvider Services => _app.Services;

    public async Task<HttpAnswer> SignInAsync(string username, string password)
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/sign-in", new { username, password });
        return await HttpAnswer.ReadAsync(response);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
