using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Audit;
using Portcullis.Core.Persistence;
using Portcullis.HttpSignatures.Algorithms;

namespace Portcullis.Server.Tests.ApiKeys;

/// <summary>
/// Session keys over real HTTP under the default policy (docs/api-keys.md, "Session keys"): issued to a request signed with
/// the API key, they sign reads and orders with the key's scopes, from the address they were issued to, until they expire or
/// the key is revoked; each refusal has its code.
/// </summary>
public sealed class SessionKeyTests : SessionKeyTestBase
{
    private static readonly IPAddress Other = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task AnEd25519Key_IsIssuedASessionKey_ThatReadsAndPlacesAnOrderWithinTheKeysScopes()
    {
        var now = Gate.Time.GetUtcNow();
        var (status, issued, response) = await IssueAsync();

        Assert.True(status == HttpStatusCode.Created, issued.ToString());
        var keyId = issued.GetProperty("key_id").GetString()!;
        Assert.Matches("^sk_[a-z2-7]{24}$", keyId);
        Assert.Equal("hmac-sha256", issued.GetProperty("algorithm").GetString());
        Assert.Equal(32, System.Buffers.Text.Base64Url.DecodeFromChars(issued.GetProperty("secret").GetString()).Length);
        Assert.Equal(now.AddMinutes(15), issued.GetProperty("expires_at").GetDateTimeOffset());
        Assert.Equal(900, issued.GetProperty("expires_in").GetInt64());
        Assert.Equal((ApiKeyId, "127.0.0.1"), (issued.GetProperty("api_key_id").GetString(), issued.GetProperty("bound_ip").GetString()));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());

        var client = SessionKeyClient(keyId, issued.GetProperty("secret").GetString()!);
        var (quote, _) = await SendAsync(client, HttpMethod.Get, "/api/v1/quotes/AAPL");
        var (placed, order) = await SendAsync(client, HttpMethod.Post, Orders, new { symbol = "AAPL", side = "buy", type = "market", quantity = 10 });

        Assert.Equal(HttpStatusCode.OK, quote);
        Assert.True(placed == HttpStatusCode.Created, order.ToString());
        Assert.Equal("filled", order.GetProperty("status").GetString());
        var audit = await Gate.ReadAuditAsync();
        var issuedEvent = Assert.Single(audit, e => e.Type == AuditEventTypes.ApiKeySessionKeyIssued);
        Assert.Equal(($"apikey:{KeyId}", "127.0.0.1"), (issuedEvent.Actor, issuedEvent.Ip));
        Assert.Contains($"\"session_key_id\":\"{keyId}\"", issuedEvent.Data, StringComparison.Ordinal);
        var placedEvent = Assert.Single(audit, e => e.Type == "order.placed");
        Assert.Equal($"apikey:{KeyId}", placedEvent.Actor);
        Assert.Contains($"\"session_key_id\":\"{keyId}\"", placedEvent.Data, StringComparison.Ordinal);
        Assert.Equal(3, (await KeyViewAsync()).GetProperty("usage").GetProperty("request_count").GetInt64()); // the issue, the quote, the order: all the key's
    }

    [Theory]
    [InlineData("MSFT", 1, "apikey.out_of_scope")]
    [InlineData("AAPL", 1000, "apikey.limit_exceeded")]
    public async Task ASessionKey_HasItsKeysScopes(string symbol, int quantity, string code)
    {
        var (keyId, secret) = await IssuedAsync();

        var (status, problem) = await SendAsync(SessionKeyClient(keyId, secret), HttpMethod.Post, Orders, new { symbol, side = "buy", type = "market", quantity });
        var (margin, marginProblem) = await SendAsync(SessionKeyClient(keyId, secret), HttpMethod.Put, $"/api/v1/accounts/{Account:D}/margin",
            new { mode = "margin", leverage = 2m });

        Assert.Equal((HttpStatusCode.Forbidden, code), (status, problem.Code()));
        Assert.Equal(HttpStatusCode.Forbidden, margin);
        Assert.StartsWith("apikey.", marginProblem.Code(), StringComparison.Ordinal);
        Assert.Equal(2, (await KeyViewAsync()).GetProperty("usage").GetProperty("denial_count").GetInt64());
    }

    [Fact]
    public async Task ASessionKey_FromAnotherAddressThanItWasIssuedTo_IsRefused_ThoughTheKeyAllowsIt()
    {
        var (keyId, secret) = await IssuedAsync();

        var (other, problem) = await SendAsync(SessionKeyClient(keyId, secret, from: Other), HttpMethod.Get, "/api/v1/quotes/AAPL");
        var (keyFromOther, _) = await SendAsync(ApiKeyClient(Other), HttpMethod.Get, "/api/v1/quotes/AAPL");
        var (same, _) = await SendAsync(SessionKeyClient(keyId, secret), HttpMethod.Get, "/api/v1/quotes/AAPL");

        Assert.Equal((HttpStatusCode.Forbidden, "apikey.ip_not_allowed"), (other, problem.Code()));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (keyFromOther, same));
    }

    [Fact]
    public async Task ASessionKey_WorksUntilItExpires_ThenIsRefusedAsExpired()
    {
        var (keyId, secret) = await IssuedAsync();
        var client = SessionKeyClient(keyId, secret);

        Gate.Time.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        var (before, _) = await SendAsync(client, HttpMethod.Get, "/api/v1/quotes/AAPL");
        Gate.Time.Advance(TimeSpan.FromSeconds(1));
        var (after, problem) = await SendAsync(client, HttpMethod.Get, "/api/v1/quotes/AAPL");

        Assert.Equal(HttpStatusCode.OK, before);
        Assert.Equal((HttpStatusCode.Unauthorized, "apikey.session_key_expired"), (after, problem.Code()));
        var refused = Assert.Single(await Gate.ReadAuditAsync(), e => e.Type == AuditEventTypes.ApiKeyRequestRefused && e.Code == "apikey.session_key_expired");
        Assert.Contains($"\"session_key_id\":\"{keyId}\"", refused.Data, StringComparison.Ordinal); // which session key was refused
    }

    [Fact]
    public async Task RevokingTheKey_RefusesItsSessionKeyAtOnce_AndMarksItRevoked()
    {
        var (keyId, secret) = await IssuedAsync();
        var client = SessionKeyClient(keyId, secret);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Get, "/api/v1/quotes/AAPL")).Status);

        var (revoked, _, _) = await Client.SendAsync(HttpMethod.Delete, $"/api/v1/api-keys/{ApiKeyId}", Session);
        var (status, problem) = await SendAsync(client, HttpMethod.Get, "/api/v1/quotes/AAPL");

        Assert.Equal(HttpStatusCode.OK, revoked);
        Assert.Equal((HttpStatusCode.Unauthorized, "apikey.key_revoked"), (status, problem.Code()));
        await using var unit = await Gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        var stored = Assert.Single(await unit.SessionKeys.ListForApiKeyAsync(Guid.Parse(ApiKeyId), CancellationToken.None));
        Assert.Equal(keyId, stored.KeyId);
        Assert.NotNull(stored.RevokedAt);
    }

    [Fact]
    public async Task ASessionKey_CannotBeIssuedAnother_NorCanAPersonsSession()
    {
        var (keyId, secret) = await IssuedAsync();

        var (bySessionKey, problem, _) = await IssueAsync(SessionKeyClient(keyId, secret));
        var (byPerson, personProblem, _) = await Client.SendAsync(HttpMethod.Post, "/api/v1/api-keys/session-keys", Session);

        Assert.Equal((HttpStatusCode.Forbidden, "apikey.session_key_not_allowed"), (bySessionKey, problem.Code()));
        Assert.Equal((HttpStatusCode.Forbidden, "apikey.session_key_not_allowed"), (byPerson, personProblem.Code()));
        Assert.Single(await Gate.ReadAuditAsync(), e => e.Type == AuditEventTypes.ApiKeySessionKeyIssued);
        Assert.Equal(1, (await KeyViewAsync()).GetProperty("usage").GetProperty("denial_count").GetInt64());
    }

    [Fact]
    public async Task AWrongSecret_AnotherAlgorithm_OrAnUnknownSessionKey_IsRefused()
    {
        var (keyId, _) = await IssuedAsync();
        using var ed25519 = Ed25519HttpKey.Generate();

        var (wrong, wrongProblem) = await SendAsync(SignedClient(Own(HmacSha256HttpKey.Generate()), keyId), HttpMethod.Get, "/api/v1/quotes/AAPL");
        var (alg, algProblem) = await SendAsync(SignedClient(ed25519, keyId), HttpMethod.Get, "/api/v1/quotes/AAPL");
        var (unknown, unknownProblem) = await SendAsync(SignedClient(Own(HmacSha256HttpKey.Generate()), "sk_aaaaaaaaaaaaaaaaaaaaaaaa"), HttpMethod.Get,
            "/api/v1/quotes/AAPL");

        Assert.Equal((HttpStatusCode.Unauthorized, "signature.invalid"), (wrong, wrongProblem.Code()));
        Assert.Equal((HttpStatusCode.Unauthorized, "signature.alg_mismatch"), (alg, algProblem.Code()));
        Assert.Equal((HttpStatusCode.Unauthorized, "signature.key_unknown"), (unknown, unknownProblem.Code()));
        Assert.Equal(2, (await KeyViewAsync()).GetProperty("usage").GetProperty("denial_count").GetInt64());
    }

    [Fact]
    public async Task ARequestSignedWithASessionKey_SentTwice_IsAReplay()
    {
        var (keyId, secret) = await IssuedAsync();
        var capture = new Capture();
        var client = SessionKeyClient(keyId, secret, inner: capture);
        var (first, _) = await SendAsync(client, HttpMethod.Get, "/api/v1/quotes/AAPL");

        using var replay = new HttpRequestMessage(HttpMethod.Get, "/api/v1/quotes/AAPL");
        foreach (var name in new[] { "Signature-Input", "Signature" })
        {
            replay.Headers.TryAddWithoutValidation(name, capture.Last!.Headers.GetValues(name));
        }

        using var response = await Client.SendAsync(replay);
        var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal((HttpStatusCode.Unauthorized, "apikey.replayed_nonce"), (response.StatusCode, problem.Code()));
    }

    [Fact]
    public async Task TheSecret_AppearsNowhereInTheAuditOrTheLogs()
    {
        var (keyId, secret) = await IssuedAsync();
        await SendAsync(SessionKeyClient(keyId, secret), HttpMethod.Get, "/api/v1/quotes/AAPL");
        Gate.Time.Advance(TimeSpan.FromMinutes(16));
        await SendAsync(SessionKeyClient(keyId, secret), HttpMethod.Get, "/api/v1/quotes/AAPL");

        var audit = await Gate.ReadAuditAsync();

        Assert.Contains(audit, e => e.Type == AuditEventTypes.ApiKeySessionKeyIssued);
        Assert.Contains(keyId, Gate.Logs.All + string.Join('\n', audit.Select(e => e.Data)), StringComparison.Ordinal);
        Assert.DoesNotContain(audit, e => e.Data.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(secret, Gate.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(System.Buffers.Text.Base64Url.DecodeFromChars(secret)), Gate.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssuingAgain_DeletesTheKeysExpiredSessionKeys()
    {
        var (expired, _) = await IssuedAsync();
        Gate.Time.Advance(TimeSpan.FromMinutes(10));
        var (live, _) = await IssuedAsync();
        Gate.Time.Advance(TimeSpan.FromMinutes(6));

        var (latest, _) = await IssuedAsync();

        await using var unit = await Gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        var kept = (await unit.SessionKeys.ListForApiKeyAsync(Guid.Parse(ApiKeyId), CancellationToken.None)).Select(s => s.KeyId).ToList();
        Assert.Equal([latest, live], kept);
        Assert.DoesNotContain(expired, kept);
    }

    /// <summary>Keeps the last request it sent.</summary>
    private sealed class Capture : DelegatingHandler
    {
        public HttpRequestMessage? Last { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Last = request;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
