using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Client;
using Portcullis.Core.Accounts;
using Portcullis.HttpSignatures.Algorithms;
using Portcullis.HttpSignatures.Client;
using Portcullis.Ledger.Backend;
using Portcullis.Server.Trading;
using Portcullis.Testing;

namespace Portcullis.Server.Tests.ApiKeys;

/// <summary>
/// A gate under the default policy with alice's funded paper account and her bot's Ed25519 key made client-side (read and
/// trade, AAPL only, at most 5,000 per order, from 127.0.0.0/8), and helpers to sign requests with it or a session key.
/// </summary>
public abstract class SessionKeyTestBase : IAsyncLifetime
{
    private const string Origin = "http://localhost:5080";

    private readonly List<IDisposable> _owned = [];

    protected TestGate Gate { get; private set; } = null!;

    /// <summary>An unsigned client (for alice's session).</summary>
    protected HttpClient Client { get; private set; } = null!;

    /// <summary>Alice's session, with a fresh security key proof (API keys are tier 1).</summary>
    protected string Session { get; private set; } = null!;

    protected Guid Account { get; private set; }

    protected ApiKeyFile KeyFile { get; private set; } = null!;

    /// <summary>The API key's id (for <c>/api/v1/api-keys/{id}</c>).</summary>
    protected string ApiKeyId { get; private set; } = null!;

    protected string KeyId => KeyFile.KeyId!;

    protected string Orders => $"/api/v1/accounts/{Account:D}/orders";

    public async Task InitializeAsync()
    {
        Gate = await TestGate.StartAsync(new Dictionary<string, string?> { ["Factors:WebAuthn:Origins:0"] = Origin });
        var alice = await Gate.CreateUserAsync("alice");
        var opened = await Gate.Services.GetRequiredService<AccountService>().OpenAsync(alice.Id, "Alice", "Portcullis Paper Securities LLC", "US", "test",
            CancellationToken.None);
        Account = opened.Value.Id;
        await Gate.Services.GetRequiredService<LedgerAccounts>().EnsureAsync(opened.Value, CancellationToken.None);
        Assert.True((await Gate.Services.GetRequiredService<IBrokerageBackend>().DepositAsync(Account, "USD", 100_000m, null, CancellationToken.None)).IsSuccess);
        Client = Gate.CreateClient();

        using var securityKey = new SoftwareAuthenticator(Origin);
        Session = (await Gate.RegisterSecurityKeyAsync(Client, "alice", securityKey)).Token();
        var file = ApiKeyFile.Generate(ApiKeyFile.Ed25519);
        var (status, created, _) = await Client.PostJsonAsync("/api/v1/api-keys", new
        {
            name = "Rebalancer",
            public_key = file.PublicKeyPem(),
            permissions = new[] { "read", "trade" },
            symbols = new[] { "AAPL" },
            max_order_notional = 5_000m,
            ip_allowlist = new[] { "127.0.0.0/8" },
        }, Session);
        Assert.True(status == HttpStatusCode.Created, created.ToString());
        KeyFile = file with { KeyId = created.GetProperty("key").GetProperty("key_id").GetString() };
        ApiKeyId = created.GetProperty("key").GetProperty("id").GetString()!;
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        Client.Dispose();
        await Gate.DisposeAsync();
    }

    /// <summary>Disposes <paramref name="value"/> with the test.</summary>
    protected T Own<T>(T value)
        where T : IDisposable
    {
        _owned.Add(value);
        return value;
    }

    /// <summary>A socket handler whose connections come from <paramref name="from"/> (any loopback address) when given.</summary>
    protected static SocketsHttpHandler Socket(IPAddress? from = null) => LoopbackSource.Handler(from);

    /// <summary>A client signing every request with <paramref name="key"/> as <paramref name="keyId"/>; <paramref name="inner"/> sends.</summary>
    protected HttpClient SignedClient(HttpSignatureKey key, string keyId, IPAddress? from = null, DelegatingHandler? inner = null)
    {
        HttpMessageHandler sender = Socket(from);
        if (inner is not null)
        {
            inner.InnerHandler = sender;
            sender = inner;
        }

        return Own(new HttpClient(new SigningHandler(new SigningHandlerOptions { Key = key, KeyId = keyId }, Gate.Time) { InnerHandler = sender })
        {
            BaseAddress = Gate.BaseAddress,
        });
    }

    /// <summary>A client signing with the bot's API key.</summary>
    protected HttpClient ApiKeyClient(IPAddress? from = null) => SignedClient(Own(KeyFile.CreateSigningKey()), KeyId, from);

    /// <summary>Asks for a session key with the API key (from <paramref name="from"/>); the answer as sent.</summary>
    protected async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> IssueAsync(HttpClient? signedClient = null,
        IPAddress? from = null)
    {
        var client = signedClient ?? ApiKeyClient(from);
        var response = Own(await client.PostAsync("/api/v1/api-keys/session-keys", null));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response);
    }

    /// <summary>A session key issued to the bot: its id and secret.</summary>
    protected async Task<(string KeyId, string Secret)> IssuedAsync(IPAddress? from = null)
    {
        var (status, body, _) = await IssueAsync(from: from);
        Assert.True(status == HttpStatusCode.Created, body.ToString());
        return (body.GetProperty("key_id").GetString()!, body.GetProperty("secret").GetString()!);
    }

    /// <summary>A client signing <c>hmac-sha256</c> with the session key.</summary>
    protected HttpClient SessionKeyClient(string keyId, string secret, IPAddress? from = null, DelegatingHandler? inner = null) =>
        SignedClient(Own(new HmacSha256HttpKey(System.Buffers.Text.Base64Url.DecodeFromChars(secret))), keyId, from, inner);

    protected static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>The API key as alice sees it.</summary>
    protected async Task<JsonElement> KeyViewAsync() => (await Client.GetJsonAsync($"/api/v1/api-keys/{ApiKeyId}", Session)).Body;
}
