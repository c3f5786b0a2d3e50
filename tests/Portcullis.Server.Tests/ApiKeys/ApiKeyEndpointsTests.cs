using System.Net;
using System.Text.Json;
using NSec.Cryptography;
using Portcullis.Server.Tests.Policy;
using Portcullis.Testing;

namespace Portcullis.Server.Tests.ApiKeys;

/// <summary>API keys over HTTP: created, listed, rotated and revoked under the policy (tier 1 to create, never frozen to revoke).</summary>
public sealed class ApiKeyEndpointsTests : PolicyFileTests
{
    protected override string Rules => "";

    protected override IReadOnlyList<string> OpenOperations => ["*.read", "apikey.*", "freeze.*", "session.*"];

    protected override IReadOnlyList<string> Users => ["alice", "mallory"];

    private static string PublicKey()
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519);
        return Convert.ToBase64String(key.PublicKey.Export(KeyBlobFormat.PkixPublicKey));
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> CreateAsync(string token, object body)
    {
        var (status, json, _) = await Client.PostJsonAsync("/api/v1/api-keys", body, token);
        return (status, json);
    }

    [Fact]
    public async Task AKey_IsCreatedListedRotatedAndRevoked_WithoutEverShowingASecretTwice()
    {
        var token = (await Gate.SignInAsync(Client, "alice")).Token();

        var (created, body) = await CreateAsync(token, new
        {
            name = "Grid bot",
            public_key = PublicKey(),
            permissions = new[] { "read", "trade" },
            symbols = new[] { "ACME" },
            max_order_notional = 5000,
            ip_allowlist = new[] { "198.51.100.0/24" },
        });

        Assert.True(created == HttpStatusCode.Created, body.ToString());
        var key = body.GetProperty("key");
        Assert.False(body.TryGetProperty("secret", out _));
        Assert.Equal(("active", "ed25519"), (key.GetProperty("state").GetString(), key.GetProperty("algorithm").GetString()));
        Assert.Equal(["read", "trade"], key.GetProperty("effective_permissions").EnumerateArray().Select(p => p.GetString()));
        var id = key.GetProperty("id").GetString();
        Gate.Time.Advance(TimeSpan.FromMinutes(1));

        var (rotated, successor, _) = await Client.PostJsonAsync($"/api/v1/api-keys/{id}/rotate", new { public_key = PublicKey(), overlap_hours = 1 }, token);
        Assert.True(rotated == HttpStatusCode.Created, successor.ToString());
        var (_, list, _) = await Client.GetJsonAsync("/api/v1/api-keys", token);
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal(id, items[1].GetProperty("id").GetString());
        Assert.Equal(successor.GetProperty("key").GetProperty("id").GetString(), items[1].GetProperty("successor_id").GetString());
        Assert.DoesNotContain("secret", list.ToString(), StringComparison.Ordinal);

        var (revoked, revokedKey, _) = await Client.SendAsync(HttpMethod.Delete, $"/api/v1/api-keys/{id}", token);
        Assert.Equal(HttpStatusCode.OK, revoked);
        Assert.Equal("revoked", revokedKey.GetProperty("state").GetString());
        var (again, problem, _) = await Client.SendAsync(HttpMethod.Delete, $"/api/v1/api-keys/{id}", token);
        Assert.Equal((HttpStatusCode.Conflict, "apikey.revoked"), (again, problem.Code()));
        var audit = await Gate.ReadAuditAsync();
        Assert.Contains(audit, e => e.Type == "apikey.created");
        Assert.Contains(audit, e => e.Type == "apikey.rotated");
        Assert.Contains(audit, e => e.Type == "apikey.revoked");
    }

    [Fact]
    public async Task AnHmacKey_ShowsItsSecretInTheCreateAnswerOnly()
    {
        var token = (await Gate.SignInAsync(Client, "alice")).Token();

        var (created, body) = await CreateAsync(token, new { name = "Legacy", algorithm = "hmac-sha256", permissions = new[] { "read" } });

        Assert.Equal(HttpStatusCode.Created, created);
        var secret = body.GetProperty("secret").GetString()!;
        Assert.Equal(43, secret.Length);
        var (_, shown, _) = await Client.GetJsonAsync($"/api/v1/api-keys/{body.GetProperty("key").GetProperty("id").GetString()}", token);
        Assert.DoesNotContain(secret, shown.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(await Gate.ReadAuditAsync(), e => e.Data.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task BadInput_GetsProblemsWithFields_AndAnotherUsersKeyIsNotFound()
    {
        var alice = (await Gate.SignInAsync(Client, "alice")).Token();
        var mallory = (await Gate.SignInAsync(Client, "mallory")).Token();

        var (invalid, problem) = await CreateAsync(alice, new { name = "", public_key = PublicKey(), permissions = new[] { "withdraw" }, expires_in_days = 1000 });
        var (badKey, keyProblem) = await CreateAsync(alice, new { name = "Bot", public_key = "AAAA", permissions = new[] { "read" } });
        var (_, created) = await CreateAsync(alice, new { name = "Bot", public_key = PublicKey(), permissions = new[] { "read" } });
        var id = created.GetProperty("key").GetProperty("id").GetString();
        var (notFound, missing, _) = await Client.SendAsync(HttpMethod.Delete, $"/api/v1/api-keys/{id}", mallory);

        Assert.Equal((HttpStatusCode.BadRequest, "apikey.invalid"), (invalid, problem.Code()));
        Assert.Equal(["expires_in_days", "name", "permissions"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal((HttpStatusCode.BadRequest, "apikey.public_key_invalid"), (badKey, keyProblem.Code()));
        Assert.Equal((HttpStatusCode.NotFound, "apikey.not_found"), (notFound, missing.Code()));
    }

    [Fact]
    public async Task AnApiFreeze_RefusesNewKeys_ButRevokingStillWorks()
    {
        var token = (await Gate.SignInAsync(Client, "alice")).Token();
        var (_, created) = await CreateAsync(token, new { name = "Bot", public_key = PublicKey(), permissions = new[] { "read" } });
        var (frozen, _, _) = await Client.PostJsonAsync("/api/v1/me/freezes", new { capabilities = new[] { "api" } }, token);
        Assert.Equal(HttpStatusCode.Created, frozen);

        var (refused, problem) = await CreateAsync(token, new { name = "Bot 2", public_key = PublicKey(), permissions = new[] { "read" } });
        var id = created.GetProperty("key").GetProperty("id").GetString();
        var (revoked, _, _) = await Client.SendAsync(HttpMethod.Delete, $"/api/v1/api-keys/{id}", token);

        Assert.Equal((HttpStatusCode.Forbidden, "policy.frozen"), (refused, problem.Code()));
        Assert.Equal(HttpStatusCode.OK, revoked);
    }
}

/// <summary>The shipped default policy: creating a key is tier 1.</summary>
public sealed class ApiKeyDefaultPolicyTests : IAsyncLifetime
{
    private TestGate _gate = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _gate = await TestGate.StartAsync();
        await _gate.CreateUserAsync("alice");
        _client = _gate.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gate.DisposeAsync();
    }

    [Fact]
    public async Task CreatingAKey_WithATotpSession_AsksForASecurityKey()
    {
        var token = await _gate.SignInWithTotpAsync(_client, "alice");
        using var key = Key.Create(SignatureAlgorithm.Ed25519);

        var (status, problem, response) = await _client.PostJsonAsync("/api/v1/api-keys",
            new { name = "Bot", public_key = Convert.ToBase64String(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)), permissions = new[] { "read" } }, token);

        Assert.Equal((HttpStatusCode.Unauthorized, "policy.step_up_required"), (status, problem.Code()));
        Assert.Contains("acr_values=\"phishing_resistant\"", Assert.Single(response.Headers.WwwAuthenticate).Parameter, StringComparison.Ordinal);
        var (_, list, _) = await _client.GetJsonAsync("/api/v1/api-keys", token);
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
    }
}
