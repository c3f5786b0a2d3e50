using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Portcullis.Client;
using Portcullis.Testing;

namespace Portcullis.LoadTest.Signed;

/// <summary>What the set-up made: the paper account the scenarios read and trade, and the bot's API key.</summary>
public sealed record SignedFixture(Guid AccountId, ApiKeyFile Key);

/// <summary>
/// Prepares the signed scenarios through the gate's public API only, as an account holder and a bot would (docs/api-keys.md,
/// docs/trading.md): the demo user signs in with its one-time password and chooses a password, enrols a security key
/// (a software WebAuthn authenticator), signs in with password and key (the critical tier that <c>apikey.create</c> needs),
/// and creates an Ed25519 key made on this side with <c>read</c> and <c>trade</c>, the IP allowlist <c>127.0.0.1/32</c>
/// and no per-minute order limit.
/// </summary>
public static class SignedSetup
{
    /// <summary>The origin the software authenticator writes into client data; the gate is configured to accept it.</summary>
    public const string WebAuthnOrigin = "http://localhost:5080";

    /// <summary>The instrument the order scenario trades (a demo instrument, a stock: never held for a person).</summary>
    public const string Symbol = "AAPL";

    private static readonly MediaTypeHeaderValue JsonType = new("application/json");
    private static readonly string[] Permissions = ["read", "trade"];
    private static readonly string[] Symbols = [Symbol];
    private static readonly string[] OrderTypes = ["market"];
    private static readonly string[] Allowlist = ["127.0.0.1/32"];

    public static async Task<SignedFixture> RunAsync(Uri gate, string username, string oneTimePassword, CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = gate, Timeout = TimeSpan.FromSeconds(60) };
        var first = await PostAsync(client, "/api/v1/sign-in", new { username, password = oneTimePassword }, null, cancellationToken);
        var password = $"tundra-{Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant()}-glacier";
        var changed = await PostAsync(client, "/api/v1/me/password", new { current_password = oneTimePassword, new_password = password },
            Token(first), cancellationToken);

        using var securityKey = new SoftwareAuthenticator(WebAuthnOrigin);
        var options = await PostAsync(client, "/api/v1/factors/webauthn/options", new { name = "Load-test key" }, Token(changed), cancellationToken);
        await PostAsync(client, "/api/v1/factors/webauthn", new
        {
            challenge_id = options.GetProperty("challenge_id").GetString(),
            credential = securityKey.Register(options.GetProperty("options")),
        }, Token(changed), cancellationToken);

        var step = await PostAsync(client, "/api/v1/sign-in", new { username, password }, null, cancellationToken);
        var flow = step.GetProperty("flow").GetProperty("handle").GetString();
        var assertion = await PostAsync(client, "/api/v1/sign-in/webauthn/options", new { flow }, null, cancellationToken);
        var strong = Token(await PostAsync(client, "/api/v1/sign-in/webauthn",
            new { flow, credential = securityKey.Assert(assertion.GetProperty("options")) }, null, cancellationToken));

        var file = ApiKeyFile.Generate(ApiKeyFile.Ed25519);
        var created = await PostAsync(client, "/api/v1/api-keys", new
        {
            name = "Load test",
            public_key = file.PublicKeyPem(),
            permissions = Permissions,
            symbols = Symbols,
            order_types = OrderTypes,
            max_order_notional = 1_000_000m,
            ip_allowlist = Allowlist,
            expires_in_days = 1,
        }, strong, cancellationToken);
        var keyId = created.GetProperty("key").GetProperty("key_id").GetString()!;

        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", strong);
        var account = (await SendAsync(client, me, cancellationToken)).GetProperty("accounts")[0].GetProperty("id").GetGuid();
        return new SignedFixture(account, file with { KeyId = keyId });
    }

    private static string Token(JsonElement answer) => answer.GetProperty("token").GetString()
        ?? throw new InvalidOperationException("The gate answered without a token.");

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, object body, string? token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body)) { Headers = { ContentType = JsonType } },
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await SendAsync(client, request, cancellationToken);
    }

    /// <summary>Sends a set-up request; anything but a 2xx stops the run with the method, path, status and problem code.</summary>
    private static async Task<JsonElement> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        if (!response.IsSuccessStatusCode)
        {
            var code = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("code", out var c) ? c.GetString() : null;
            throw new InvalidOperationException(
                $"Set-up failed: {request.Method} {request.RequestUri} answered {(int)response.StatusCode} {code ?? response.StatusCode.ToString()}.");
        }

        return response.StatusCode == HttpStatusCode.NoContent ? default : body;
    }
}
