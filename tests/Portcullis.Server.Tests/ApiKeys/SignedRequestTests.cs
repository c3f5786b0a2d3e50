using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using NSec.Cryptography;
using Portcullis.Core.Audit;
using Portcullis.HttpSignatures.Algorithms;
using Portcullis.HttpSignatures.Client;
using Portcullis.Server.Tests.Policy;
using Portcullis.Testing;

namespace Portcullis.Server.Tests.ApiKeys;

/// <summary>
/// Requests signed with API keys (RFC 9421) over real HTTP: each key kind reads, and each bad signature, replay, key state,
/// address and permission is refused with its code (docs/api-keys.md).
/// </summary>
public sealed class SignedRequestTests : PolicyFileTests
{
    private readonly List<IDisposable> _owned = [];

    protected override string Rules => "";

    protected override IReadOnlyList<string> OpenOperations => ["*.read", "apikey.*", "freeze.*", "session.*", "order.*", "password.*"];

    private async Task<string> AliceAsync() => (await Gate.SignInAsync(Client, "alice")).Token();

    /// <summary>Creates a key over the API; returns its id, key id and the signing key.</summary>
    private async Task<(string Id, string KeyId, HttpSignatureKey Key)> CreateKeyAsync(string token, string algorithm = "ed25519",
        string[]? permissions = null, string[]? allowlist = null, int? expiresInDays = null)
    {
        HttpSignatureKey? key = algorithm switch
        {
            "ed25519" => Ed25519HttpKey.Generate(),
            "ecdsa-p256-sha256" => EcdsaP256HttpKey.Generate(),
            _ => null,
        };
        var publicKey = key switch
        {
            Ed25519HttpKey ed => Convert.ToBase64String(ed.PublicKeyBytes),
            EcdsaP256HttpKey ec => Convert.ToBase64String(ec.PublicKeySpki),
            _ => null,
        };
        var (status, body, _) = await Client.PostJsonAsync("/api/v1/api-keys", new
        {
            name = "Bot",
            algorithm,
            public_key = publicKey,
            permissions = permissions ?? ["read"],
            ip_allowlist = allowlist ?? [],
            expires_in_days = expiresInDays,
        }, token);
        Assert.True(status == HttpStatusCode.Created, body.ToString());
        key ??= new HmacSha256HttpKey(Convert.FromBase64String(Base64UrlToBase64(body.GetProperty("secret").GetString()!)));
        _owned.Add(key);
        var view = body.GetProperty("key");
        return (view.GetProperty("id").GetString()!, view.GetProperty("key_id").GetString()!, key);
    }

    private static string Base64UrlToBase64(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
    }

    /// <summary>A client that signs with <paramref name="key"/>; <paramref name="after"/> changes the request once signed.</summary>
    private HttpClient Signed(HttpSignatureKey key, string keyId, TimeProvider? time = null, Action<HttpRequestMessage>? after = null,
        IPAddress? from = null)
    {
        var socket = LoopbackSource.Handler(from);

        var signing = new SigningHandler(new SigningHandlerOptions { Key = key, KeyId = keyId }, time ?? Gate.Time)
        {
            InnerHandler = new Mutator(after) { InnerHandler = socket },
        };
        var client = new HttpClient(signing) { BaseAddress = Gate.BaseAddress };
        _owned.Add(client);
        return client;
    }

    private static Task<(HttpStatusCode Status, JsonElement Body)> ReadAsync(HttpResponseMessage response) => response.ReadJsonAsync();

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string path) =>
        await ReadAsync(await client.GetAsync(path));

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string path, string json) =>
        await ReadAsync(await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json")));

    private async Task<JsonElement> KeyViewAsync(string token, string id) => (await Client.GetJsonAsync($"/api/v1/api-keys/{id}", token)).Body;

    [Theory]
    [InlineData("ed25519")]
    [InlineData("ecdsa-p256-sha256")]
    [InlineData("hmac-sha256")]
    public async Task EachKeyKind_ReadsTheProfile_AndTheUseIsRecorded(string algorithm)
    {
        var token = await AliceAsync();
        var (id, keyId, key) = await CreateKeyAsync(token, algorithm);

        var (status, me) = await GetAsync(Signed(key, keyId), "/api/v1/me");

        Assert.True(status == HttpStatusCode.OK, me.ToString());
        Assert.Equal("alice", me.GetProperty("user").GetProperty("username").GetString());
        var view = await KeyViewAsync(token, id);
        var usage = view.GetProperty("usage");
        Assert.Equal((1, "127.0.0.1"), (usage.GetProperty("request_count").GetInt64(), usage.GetProperty("last_used_ip").GetString()));
    }

    [Fact]
    public async Task AnUnknownKeyId_IsRefused()
    {
        using var key = Ed25519HttpKey.Generate();

        var (status, problem) = await GetAsync(Signed(key, "pk_AAAAAAAAAAAAAAAAAAAAAAAA"), "/api/v1/me");

        Assert.Equal((HttpStatusCode.Unauthorized, "signature.key_unknown"), (status, problem.Code()));
    }

    [Fact]
    public async Task ASignatureWithAnotherAlgorithmThanTheKeys_IsRefused_AndCountedAsADenial()
    {
        var token = await AliceAsync();
        var (id, keyId, _) = await CreateKeyAsync(token, "ecdsa-p256-sha256");
        using var other = Ed25519HttpKey.Generate();

        var (status, problem) = await GetAsync(Signed(other, keyId), "/api/v1/me");

        Assert.Equal((HttpStatusCode.Unauthorized, "signature.alg_mismatch"), (status, problem.Code()));
        Assert.Equal(1, (await KeyViewAsync(token, id)).GetProperty("usage").GetProperty("denial_count").GetInt64());
        Assert.Contains(await Gate.ReadAuditAsync(), e => e.Type == AuditEventTypes.ApiKeyRequestRefused && e.Code == "signature.alg_mismatch");
    }

    [Fact]
    public async Task ABodyChangedAfterSigning_IsADigestMismatch_AndAChangedDigestIsAnInvalidSignature()
    {
        var token = await AliceAsync();
        var (_, keyId, key) = await CreateKeyAsync(token);
        var changedBody = Signed(key, keyId, after: r =>
        {
            var digest = r.Content!.Headers.GetValues("Content-Digest").Single();
            r.Content = new StringContent("""{"current_password":"y"}""", Encoding.UTF8, "application/json");
            r.Content.Headers.TryAddWithoutValidation("Content-Digest", digest);
        });
        var changedDigest = Signed(key, keyId, after: r =>
        {
            r.Content!.Headers.Remove("Content-Digest");
            r.Content.Headers.TryAddWithoutValidation("Content-Digest", "sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:");
        });

        var (bodyStatus, bodyProblem) = await PostAsync(changedBody, "/api/v1/me/password", """{"current_password":"x"}""");
        var (digestStatus, digestProblem) = await PostAsync(changedDigest, "/api/v1/me/password", """{"current_password":"x"}""");

        Assert.Equal((HttpStatusCode.Unauthorized, "signature.digest_mismatch"), (bodyStatus, bodyProblem.Code()));
        Assert.Equal((HttpStatusCode.Unauthorized, "signature.invalid"), (digestStatus, digestProblem.Code()));
    }

    [Fact]
    public async Task CreatedOutsideTheWindow_IsRefused()
    {
        var token = await AliceAsync();
        var (_, keyId, key) = await CreateKeyAsync(token);
        var late = new FakeTimeProvider(Gate.Time.GetUtcNow() - TimeSpan.FromSeconds(6));
        var early = new FakeTimeProvider(Gate.Time.GetUtcNow() + TimeSpan.FromSeconds(6));
        var justInside = new FakeTimeProvider(Gate.Time.GetUtcNow() - TimeSpan.FromSeconds(5));

        var (oldStatus, oldProblem) = await GetAsync(Signed(key, keyId, late), "/api/v1/me");
        var (futureStatus, futureProblem) = await GetAsync(Signed(key, keyId, early), "/api/v1/me");
        var (insideStatus, _) = await GetAsync(Signed(key, keyId, justInside), "/api/v1/me");

        Assert.Equal((HttpStatusCode.Unauthorized, "signature.created_too_old"), (oldStatus, oldProblem.Code()));
        Assert.Equal((HttpStatusCode.Unauthorized, "signature.created_in_future"), (futureStatus, futureProblem.Code()));
        Assert.Equal(HttpStatusCode.OK, insideStatus);
    }

    [Fact]
    public async Task TheSameSignedRequestSentTwice_IsAReplay()
    {
        var token = await AliceAsync();
        var (_, keyId, key) = await CreateKeyAsync(token);
        HttpRequestMessage? sent = null;
        var client = Signed(key, keyId, after: r => sent = r);
        var (first, _) = await GetAsync(client, "/api/v1/me");

        using var replay = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        foreach (var name in new[] { "Signature-Input", "Signature" })
        {
            replay.Headers.TryAddWithoutValidation(name, sent!.Headers.GetValues(name));
        }

        var (second, problem) = await ReadAsync(await Client.SendAsync(replay));

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal((HttpStatusCode.Unauthorized, "apikey.replayed_nonce"), (second, problem.Code()));
    }

    [Fact]
    public async Task ARevokedKey_IsRefusedAtOnce()
    {
        var token = await AliceAsync();
        var (id, keyId, key) = await CreateKeyAsync(token);
        var client = Signed(key, keyId);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/api/v1/me")).Status);

        var (revoked, _, _) = await Client.SendAsync(HttpMethod.Delete, $"/api/v1/api-keys/{id}", token);
        var (status, problem) = await GetAsync(client, "/api/v1/me");

        Assert.Equal(HttpStatusCode.OK, revoked);
        Assert.Equal((HttpStatusCode.Unauthorized, "apikey.key_revoked"), (status, problem.Code()));
    }

    [Fact]
    public async Task AnExpiredKey_IsRefused()
    {
        var token = await AliceAsync();
        var (_, keyId, key) = await CreateKeyAsync(token, expiresInDays: 1);
        Gate.Time.Advance(TimeSpan.FromDays(1));

        var (status, problem) = await GetAsync(Signed(key, keyId), "/api/v1/me");

        Assert.Equal((HttpStatusCode.Unauthorized, "apikey.key_expired"), (status, problem.Code()));
    }

    [Fact]
    public async Task AKeyBoundToAnAddress_WorksFromIt_AndIsRefusedFromAnother()
    {
        var token = await AliceAsync();
        var (_, keyId, key) = await CreateKeyAsync(token, allowlist: ["127.0.0.2/32"]);

        var (inside, _) = await GetAsync(Signed(key, keyId, from: IPAddress.Parse("127.0.0.2")), "/api/v1/me");
        var (outside, problem) = await GetAsync(Signed(key, keyId, from: IPAddress.Parse("127.0.0.1")), "/api/v1/me");

        var (again, _) = await GetAsync(Signed(key, keyId, from: IPAddress.Parse("127.0.0.2")), "/api/v1/me");
        var (_, feed, _) = await Client.GetJsonAsync("/api/v1/me/notifications", token);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (inside, again));
        Assert.Equal((HttpStatusCode.Forbidden, "apikey.ip_not_allowed"), (outside, problem.Code()));
        Assert.Single(feed.GetProperty("items").EnumerateArray(), n => n.GetProperty("type").GetString() == "apikey.used_from_new_ip");
    }

    [Fact]
    public async Task AReadOnlyKey_CannotPlaceAnOrder_AndNoKeyCanChangeSecurity()
    {
        var token = await AliceAsync();
        var (id, keyId, key) = await CreateKeyAsync(token);
        var client = Signed(key, keyId);

        var (order, orderProblem) = await PostAsync(client, $"/api/v1/accounts/{Guid.NewGuid()}/orders", """{"symbol":"ACME","side":"buy","quantity":1,"type":"market"}""");
        var (password, passwordProblem) = await PostAsync(client, "/api/v1/me/password", """{"current_password":"x","new_password":"y"}""");
        var (revoke, revokeProblem) = await ReadAsync(await client.DeleteAsync($"/api/v1/api-keys/{id}"));

        Assert.Equal((HttpStatusCode.Forbidden, "apikey.permission_denied"), (order, orderProblem.Code()));
        Assert.Equal((HttpStatusCode.Forbidden, "apikey.operation_not_allowed"), (password, passwordProblem.Code()));
        Assert.Equal((HttpStatusCode.Forbidden, "apikey.operation_not_allowed"), (revoke, revokeProblem.Code()));
        Assert.Equal("active", (await KeyViewAsync(token, id)).GetProperty("state").GetString());
        Assert.Equal(3, (await KeyViewAsync(token, id)).GetProperty("usage").GetProperty("denial_count").GetInt64());
    }

    [Fact]
    public async Task ARequestSignedByAnIndependentImplementation_IsAccepted()
    {
        // RFC 9421 by hand: the signature base of §2.5 over "@method" and "@target-uri", Ed25519 (§3.3.6) with NSec.
        var token = await AliceAsync();
        using var privateKey = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var (status, body, _) = await Client.PostJsonAsync("/api/v1/api-keys", new
        {
            name = "Other implementation",
            public_key = Convert.ToBase64String(privateKey.PublicKey.Export(KeyBlobFormat.RawPublicKey)),
            permissions = new[] { "read" },
        }, token);
        Assert.Equal(HttpStatusCode.Created, status);
        var keyId = body.GetProperty("key").GetProperty("key_id").GetString();
        var created = Gate.Time.GetUtcNow().ToUnixTimeSeconds();
        var targetUri = new Uri(Gate.BaseAddress, "/api/v1/me");
        var parameters = $"(\"@method\" \"@target-uri\");created={created};keyid=\"{keyId}\";nonce=\"independent-1\";alg=\"ed25519\"";
        var signatureBase = $"\"@method\": GET\n\"@target-uri\": {targetUri.AbsoluteUri}\n\"@signature-params\": {parameters}";
        var signature = SignatureAlgorithm.Ed25519.Sign(privateKey, Encoding.ASCII.GetBytes(signatureBase));

        using var request = new HttpRequestMessage(HttpMethod.Get, targetUri);
        request.Headers.TryAddWithoutValidation("Signature-Input", $"sig1={parameters}");
        request.Headers.TryAddWithoutValidation("Signature", $"sig1=:{Convert.ToBase64String(signature)}:");
        var (answered, me) = await ReadAsync(await Client.SendAsync(request));

        Assert.True(answered == HttpStatusCode.OK, me.ToString());
        Assert.Equal("alice", me.GetProperty("user").GetProperty("username").GetString());
    }

    [Fact]
    public async Task MutatedSignedRequests_NeverGetAServerError()
    {
        var token = await AliceAsync();
        var (_, keyId, key) = await CreateKeyAsync(token);
        HttpRequestMessage? sent = null;
        var client = Signed(key, keyId, after: r => sent = r);
        await PostAsync(client, "/api/v1/me/password", """{"current_password":"x","new_password":"y"}""");
        var fields = new[] { "Signature-Input", "Signature", "Content-Digest" }
            .ToDictionary(n => n, n => sent!.Headers.TryGetValues(n, out var v) ? string.Join(", ", v) : string.Join(", ", sent.Content!.Headers.GetValues(n)));
        var random = new Random(9421);
        const string alphabet = "\"();:=,*-_ ./+?%abcxyzAZ0129@\\";
        var statuses = new Dictionary<int, int>();

        for (var i = 0; i < 2000; i++)
        {
            var mutated = new Dictionary<string, string>(fields);
            var name = fields.Keys.ElementAt(random.Next(fields.Count));
            mutated[name] = Mutate(mutated[name], random, alphabet);
            if (random.Next(4) == 0)
            {
                mutated.Remove(fields.Keys.ElementAt(random.Next(fields.Count)));
            }

            var path = random.Next(3) switch
            {
                0 => "/api/v1/me/password",
                1 => "/api/v1/me",
                _ => "/api/v1/me?x=%2D" + random.Next(),
            };
            using var request = new HttpRequestMessage(random.Next(2) == 0 ? HttpMethod.Post : HttpMethod.Get, path)
            {
                Content = new StringContent(random.Next(2) == 0 ? """{"current_password":"x","new_password":"y"}""" : "{}", Encoding.UTF8, "application/json"),
            };
            foreach (var (field, value) in mutated)
            {
                if (field == "Content-Digest")
                {
                    request.Content.Headers.TryAddWithoutValidation(field, value);
                }
                else
                {
                    request.Headers.TryAddWithoutValidation(field, value);
                }
            }

            using var response = await Client.SendAsync(request);
            var code = (int)response.StatusCode;
            statuses[code] = statuses.GetValueOrDefault(code) + 1;
        }

        Assert.DoesNotContain(statuses.Keys, s => s >= 500);
        Assert.Contains(statuses.Keys, s => s == 401);
    }

    private static string Mutate(string value, Random random, string alphabet)
    {
        var chars = value.ToList();
        var edits = 1 + random.Next(3);
        for (var e = 0; e < edits && chars.Count > 0; e++)
        {
            var at = random.Next(chars.Count);
            switch (random.Next(4))
            {
                case 0:
                    chars[at] = alphabet[random.Next(alphabet.Length)];
                    break;
                case 1:
                    chars.RemoveAt(at);
                    break;
                case 2:
                    chars.Insert(at, alphabet[random.Next(alphabet.Length)]);
                    break;
                default:
                    chars.RemoveRange(at, chars.Count - at);
                    break;
            }
        }

        return new string([.. chars]);
    }

    public override async Task DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        await base.DisposeAsync();
    }

    /// <summary>Runs <c>after</c> on each request once the signing handler has signed it.</summary>
    private sealed class Mutator(Action<HttpRequestMessage>? after) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            after?.Invoke(request);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
