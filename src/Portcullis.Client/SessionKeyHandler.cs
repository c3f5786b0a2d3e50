using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Portcullis.HttpSignatures.Algorithms;
using Portcullis.HttpSignatures.Client;

namespace Portcullis.Client;

/// <summary>
/// Signs requests with session keys (docs/api-keys.md, "Session keys"): when it has none, or the one it has expires within
/// <see cref="DefaultRenewBefore"/> (configurable), it asks the gate for one with a request signed by the API key
/// (<c>POST /api/v1/api-keys/session-keys</c>), then signs every request <c>hmac-sha256</c> with it (<c>created</c>, a fresh
/// <c>nonce</c>, <c>content-digest</c>: <see cref="SigningHandler"/>). The expiry is timed from the answer's
/// <c>expires_in</c> on this machine's clock, so a clock that is off does not matter. Concurrent requests share one request
/// for a key. A request refused with <c>401 apikey.session_key_expired</c> is signed with a new session key and sent once more.
/// When the gate refuses to issue a session key (e.g. <c>401 apikey.key_revoked</c>), that answer is returned for the request.
/// Thread-safe. The API key's signing key is the caller's to dispose.
/// </summary>
public sealed class SessionKeyHandler : DelegatingHandler
{
    /// <summary>The path that issues session keys.</summary>
    public const string IssuePath = "/api/v1/api-keys/session-keys";

    /// <summary>The problem code for an expired session key.</summary>
    public const string SessionKeyExpiredCode = "apikey.session_key_expired";

    /// <summary>Default for how long before its expiry a session key is replaced: 60 seconds.</summary>
    public static readonly TimeSpan DefaultRenewBefore = TimeSpan.FromSeconds(60);

    private readonly Uri _issueUri;
    private readonly SigningHandler _apiKey;
    private readonly TimeProvider _time;
    private readonly TimeSpan _renewBefore;
    private readonly SemaphoreSlim _issuing = new(1, 1);
    private SessionKey? _current;
    private SessionKey? _previous;

    /// <param name="server">The gate's base address.</param>
    /// <param name="apiKey">The API key's signing key (private half, or an HMAC API key's secret).</param>
    /// <param name="apiKeyId">The API key's <c>pk_…</c> id.</param>
    /// <param name="timeProvider">The clock for <c>created</c> and for the session key's expiry.</param>
    /// <param name="renewBefore">How long before its expiry a session key is replaced (0 to 5 minutes).</param>
    public SessionKeyHandler(Uri server, HttpSignatureKey apiKey, string apiKeyId, TimeProvider timeProvider, TimeSpan? renewBefore = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var renew = renewBefore ?? DefaultRenewBefore;
        ArgumentOutOfRangeException.ThrowIfLessThan(renew, TimeSpan.Zero, nameof(renewBefore));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(renew, TimeSpan.FromMinutes(5), nameof(renewBefore));
        _issueUri = new Uri(server, IssuePath);
        _apiKey = new SigningHandler(new SigningHandlerOptions { Key = apiKey, KeyId = apiKeyId }, timeProvider);
        _time = timeProvider;
        _renewBefore = renew;
    }

    public SessionKeyHandler(Uri server, HttpSignatureKey apiKey, string apiKeyId, TimeProvider timeProvider, TimeSpan? renewBefore,
        HttpMessageHandler innerHandler)
        : this(server, apiKey, apiKeyId, timeProvider, renewBefore) => InnerHandler = innerHandler;

    /// <summary>The <c>sk_…</c> id of the session key in use, or <c>null</c> before the first request.</summary>
    public string? SessionKeyId => Volatile.Read(ref _current)?.KeyId;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (session, refusal) = await CurrentAsync(stale: null, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return refusal!;
        }

        await session.Signer.SignAsync(request, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!await IsSessionKeyExpiredAsync(response, cancellationToken).ConfigureAwait(false))
        {
            return response;
        }

        // The gate's clock ran past the key sooner than ours said: a new session key, and the same request once more.
        (session, refusal) = await CurrentAsync(stale: session, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return refusal!;
        }

        response.Dispose();
        await session.Signer.SignAsync(request, cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _current?.Dispose();
            _previous?.Dispose();
            _apiKey.Dispose();
            _issuing.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// The session key to sign with: the current one unless it is <paramref name="stale"/> or due for renewal, else a new one
    /// (one request for all callers waiting); or the gate's refusal to issue one.
    /// </summary>
    private async Task<(SessionKey? Session, HttpResponseMessage? Refusal)> CurrentAsync(SessionKey? stale, CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && current != stale && _time.GetUtcNow() < current.RenewAt)
        {
            return (current, null);
        }

        await _issuing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _current;
            if (current is not null && current != stale && _time.GetUtcNow() < current.RenewAt)
            {
                return (current, null); // another caller has just renewed it
            }

            var (issued, refusal) = await IssueAsync(cancellationToken).ConfigureAwait(false);
            if (issued is null)
            {
                return (null, refusal);
            }

            // Two generations back can no longer be signing anything; the previous one may still be, for a moment.
            _previous?.Dispose();
            _previous = current;
            Volatile.Write(ref _current, issued);
            return (issued, null);
        }
        finally
        {
            _issuing.Release();
        }
    }

    private async Task<(SessionKey? Session, HttpResponseMessage? Refusal)> IssueAsync(CancellationToken cancellationToken)
    {
        var sent = _time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, _issueUri);
        await _apiKey.SignAsync(request, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            return (null, response);
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var answer = JsonSerializer.Deserialize<IssuedAnswer>(body, Json)
                ?? throw new HttpRequestException("The gate's session key answer was empty.");
            if (answer.Algorithm != ApiKeyFile.HmacSha256 || answer.KeyId is null || answer.Secret is null || answer.ExpiresIn is not > 0)
            {
                throw new HttpRequestException("The gate's session key answer is not an hmac-sha256 key with a lifetime.");
            }

            var secret = Base64Url.DecodeFromChars(answer.Secret);
            try
            {
                var lifetime = TimeSpan.FromSeconds(answer.ExpiresIn.Value);
                var renewAt = sent + (lifetime > 2 * _renewBefore ? lifetime - _renewBefore : lifetime / 2);
                var key = new HmacSha256HttpKey(secret);
                return (new SessionKey(answer.KeyId, key, new SigningHandler(new SigningHandlerOptions { Key = key, KeyId = answer.KeyId }, _time), renewAt),
                    null);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(secret);
            }
        }
    }

    private static async Task<bool> IsSessionKeyExpiredAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.Unauthorized || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return false;
        }

        // Reading buffers the content: the caller can still read it when the answer is returned.
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var problem = JsonDocument.Parse(body);
            return problem.RootElement.ValueKind == JsonValueKind.Object && problem.RootElement.TryGetProperty("code", out var code) &&
                code.ValueKind == JsonValueKind.String && code.GetString() == SessionKeyExpiredCode;
        }
        catch (JsonException)
        {
            return false; // not a problem document after all: the answer goes to the caller as it is
        }
    }

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private sealed record IssuedAnswer(string? KeyId, string? Algorithm, string? Secret, long? ExpiresIn);

    /// <summary>A session key and the handler that signs with it.</summary>
    private sealed class SessionKey(string keyId, HmacSha256HttpKey key, SigningHandler signer, DateTimeOffset renewAt) : IDisposable
    {
        public string KeyId { get; } = keyId;

        public SigningHandler Signer { get; } = signer;

        public DateTimeOffset RenewAt { get; } = renewAt;

        public void Dispose()
        {
            Signer.Dispose();
            key.Dispose();
        }
    }
}
