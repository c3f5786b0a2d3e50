using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Portcullis.Core.ApiKeys;
using Portcullis.Core.Audit;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;
using Portcullis.Core.Results;
using Portcullis.HttpSignatures;
using Portcullis.HttpSignatures.Components;
using Portcullis.HttpSignatures.Messages;
using Portcullis.HttpSignatures.Verification;
using Portcullis.Server.Http;

namespace Portcullis.Server.Auth.ApiKeys;

/// <summary>
/// Authenticates a request signed with an API key (RFC 9421; docs/api-keys.md, docs/http-signatures.md):
/// <list type="number">
/// <item>buffers the body (at most <see cref="ApiKeyOptions.MaxSignedBodyBytes"/>) and builds the message from the raw target
/// and every header line;</item>
/// <item>verifies it (§3.2) requiring <c>@method</c>, <c>@target-uri</c>, <c>content-digest</c> with a body, and the
/// <c>created</c>, <c>keyid</c>, <c>nonce</c>, <c>alg</c> parameters, <c>created</c> within <see cref="ApiKeyOptions.SignatureWindow"/>;</item>
/// <item>checks the key is neither revoked nor expired and its owner active, at once on every request, and that the request
/// comes from its IP allowlist; a <c>keyid</c> starting <c>sk_</c> names a session key, which is checked too (its expiry, its
/// bound address: <see cref="ApiSessionKeys.Check"/>) and then acts as its API key;</item>
/// <item>remembers the nonce in the shared store until the window ends; a repeat is <c>apikey.replayed_nonce</c>;</item>
/// <item>records the use in the same commit as the nonce: a usage-log row (<see cref="ApiKeyUsage"/>), the request count,
/// last used time and address (atomic counters), the address if new (announced once per address); a refusal gets its
/// row with its code, the denial count, and an audit record. A key used again from the address it was last used from
/// (nearly every request) commits with the other requests waiting (<see cref="ApiKeyUseJournal"/>).</item>
/// </list>
/// Failures are results with a stable code; the problem never says which part of the signature failed.
/// </summary>
public sealed class SignedRequestAuthenticator(IGateStore store, VerificationKeyCache keys, SessionKeyCache sessionKeys,
    ApiKeyUseJournal journal, IOptions<ApiKeyOptions> options, TimeProvider time, ILogger<SignedRequestAuthenticator> logger)
{
    private const int MaxLoggedKeyIdLength = 64;

    /// <summary>The gate's time now.</summary>
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Whether the request carries an RFC 9421 signature.</summary>
    public static bool IsSigned(HttpRequest request) =>
        request.Headers.ContainsKey("Signature-Input") || request.Headers.ContainsKey("Signature");

    public async Task<Result<ApiKeyRequest>> AuthenticateAsync(HttpContext http)
    {
        var cancellationToken = http.RequestAborted;
        var o = options.Value;
        var body = await ReadBodyAsync(http, o.MaxSignedBodyBytes, cancellationToken);
        if (body is null)
        {
            return await RefuseAsync(http, null, null, new Error(ProblemCatalog.RequestTooLarge, "The request body is too large for a signed request."),
                cancellationToken);
        }

        var message = Message(http, body.Value);
        if (message is null)
        {
            return await RefuseAsync(http, null, null, new Error(HttpSignatureErrors.Malformed, "The request target cannot be signed."), cancellationToken);
        }

        await using var unit = await store.OpenAsync(cancellationToken);
        ApiKey? found = null;
        ApiSessionKey? session = null;
        var resolver = new DelegateVerificationKeyResolver(async (keyId, ct) =>
        {
            if (ApiSessionKeys.IsSessionKeyId(keyId))
            {
                (session, found) = await unit.SessionKeys.FindByKeyIdAsync(keyId, ct) ?? default;
                return session is null ? null : sessionKeys.Get(session);
            }

            found = await unit.ApiKeys.FindByKeyIdAsync(keyId, ct);
            return found is null ? null : keys.Get(found);
        });
        var verifier = new HttpMessageVerifier(Policy(o.SignatureWindow), resolver, time);
        var verified = await verifier.VerifyAsync(message, cancellationToken);
        var now = time.GetUtcNow();
        if (!verified.IsSuccess)
        {
            logger.LogInformation("Signed request refused: {Code} ({Detail})", verified.Code, verified.Error!.Message);
            return await RefuseAsync(http, unit, found, new Error(verified.Code!, "The request's signature was not accepted."), cancellationToken,
                verified.KeyId, session?.KeyId);
        }

        var key = found!;
        var user = await unit.Users.FindAsync(key.UserId, cancellationToken);
        var state = key.RevokedAt is not null || user is not { IsActive: true } ? ApiKeyRequestErrors.KeyRevoked()
            : !key.IsActiveAt(now) ? ApiKeyRequestErrors.KeyExpired()
            : session is not null && ApiSessionKeys.Check(session, http.ClientIp(), now) is { } sessionState ? sessionState
            : !ApiKeyRequestCheck.AllowedFrom(key, http.ClientIp()) ? ApiKeyRequestErrors.IpNotAllowed()
            : null;
        if (state is not null)
        {
            if (session is not null && state.Code != ApiKeyRequestErrors.IpNotAllowedCode)
            {
                sessionKeys.Forget(session.Id); // it will not verify a request again
            }

            return await RefuseAsync(http, unit, key, state, cancellationToken, sessionKeyId: session?.KeyId);
        }

        // RFC 9421 §7.2.2: a nonce is remembered at least as long as a request with it could be accepted (created + window).
        var until = verified.Created!.Value + o.SignatureWindow;
        var nonceExpiresAt = until > now ? until : now + o.SignatureWindow;
        var scope = session?.KeyId ?? key.KeyId;
        var usage = ApiKeyUsageRows.For(http, key.Id, now, ApiKeyUsage.Accepted);
        var ip = http.ClientIp()?.ToString();
        var usageId = ip is null || string.Equals(ip, key.LastUsedIp, StringComparison.Ordinal)
            ? await journal.RecordAsync(scope, verified.Nonce!, nonceExpiresAt, usage) // the common case: with the others waiting
            : await RecordFromNewAddressAsync(unit, key, scope, verified.Nonce!, nonceExpiresAt, usage, ip, cancellationToken);
        if (usageId is null)
        {
            return await RefuseAsync(http, unit, key, ApiKeyRequestErrors.ReplayedNonce(), cancellationToken, sessionKeyId: session?.KeyId);
        }

        return new ApiKeyRequest(key, user!, session?.KeyId) { UsageId = usageId };
    }

    /// <summary>
    /// As <see cref="ApiKeyUseJournal.RecordAsync"/>, in the request's own transaction, for a key used from another address
    /// than last time: the address is remembered with the rest, and announced if the key was never used from it.
    /// </summary>
    private static async Task<long?> RecordFromNewAddressAsync(IGateUnit unit, ApiKey key, string scope, string nonce, DateTimeOffset nonceExpiresAt,
        ApiKeyUsage usage, string ip, CancellationToken cancellationToken)
    {
        var now = usage.At;
        await unit.BeginAsync(cancellationToken);
        if (await ApiKeyUseJournal.WriteUseAsync(unit, scope, nonce, nonceExpiresAt, usage, cancellationToken) is not { } id)
        {
            return null;
        }

        if (await unit.ApiKeyUsage.RememberAddressAsync(key.Id, ip, now, cancellationToken))
        {
            // Announced once per address: the first use from an address this key has never been used from.
            Notify.Emit(unit, key.UserId, NotificationTypes.ApiKeyNewIp, NotificationSeverity.Warning,
                $"The API key \"{key.Name}\" ({key.KeyId}) was used from {ip}" +
                (key.LastUsedIp is null ? " (its first use)." : $", an address it was never used from (last used from {key.LastUsedIp}).") +
                " If this wasn't your bot, revoke the key and freeze API access now.",
                new Dictionary<string, object?> { ["api_key_id"] = key.Id, ["key_id"] = key.KeyId, ["ip"] = ip, ["previous_ip"] = key.LastUsedIp }, now);
        }

        await unit.ApiKeyUsage.CountAsync(key.Id, request: true, denied: false, now, ip, cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>
    /// Counts an order against the key's <see cref="ApiKey.MaxOrdersPerMinute"/> and <see cref="ApiKey.MaxDailyNotional"/>
    /// under one lock, so that concurrent orders cannot all pass, and reserves its notional in the request's usage row
    /// (<see cref="ApiKeyOrderLimits"/>); <c>apikey.limit_exceeded</c> when a limit is reached. When the order is then
    /// refused (<see cref="CountDenialAsync"/>) or fails (<see cref="RecordOutcomeAsync"/>), its notional no longer counts.
    /// </summary>
    public async Task<Error?> CountOrderAsync(ApiKeyRequest request, decimal? notional, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var unit = await store.OpenAsync(cancellationToken);
        var refusal = await ApiKeyOrderLimits.CheckAndReserveAsync(unit, request.Key, request.UsageId, notional, time.GetUtcNow(), cancellationToken);
        if (refusal is null)
        {
            await unit.CommitAsync(cancellationToken);
        }

        return refusal;
    }

    /// <summary>
    /// Records that a request the key's checks let through did not end accepted: the policy held it (<see cref="ApiKeyUsage.Held"/>),
    /// or the endpoint refused or failed it (an order the ledger refused). Its usage row gets <paramref name="code"/>, so a
    /// notional it reserved (<see cref="CountOrderAsync"/>) no longer counts. Not a denial by the gate, so not counted or
    /// audited as one. Runs to completion even when the request was aborted.
    /// </summary>
    public async Task RecordOutcomeAsync(ApiKeyRequest request, string code)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.UsageId is not { } id)
        {
            return;
        }

        await using var unit = await store.OpenAsync(CancellationToken.None);
        await unit.BeginAsync(CancellationToken.None);
        await unit.ApiKeyUsage.SetDecisionAsync(id, code, null, CancellationToken.None);
        await unit.CommitAsync(CancellationToken.None);
    }

    /// <summary>
    /// Counts and audits a refusal of an authenticated key's request (scopes, limits, policy): the denial count, and the
    /// request's usage row gets the refusal's code (so that a notional it reserved no longer counts), in one commit.
    /// </summary>
    public async Task CountDenialAsync(HttpContext http, ApiKeyRequest request, string code)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var unit = await store.OpenAsync(CancellationToken.None);
        await unit.BeginAsync(CancellationToken.None);
        await unit.ApiKeyUsage.CountAsync(request.Key.Id, request: false, denied: true, null, null, CancellationToken.None);
        if (request.UsageId is { } id)
        {
            await unit.ApiKeyUsage.SetDecisionAsync(id, code, null, CancellationToken.None);
        }

        unit.Audit.Append(Refusal(http, request.Key.KeyId, request.Key.UserId, code, request.SessionKeyId));
        await unit.CommitAsync(CancellationToken.None);
    }

    private async Task<Result<ApiKeyRequest>> RefuseAsync(HttpContext http, IGateUnit? open, ApiKey? key, Error error,
        CancellationToken cancellationToken, string? claimedKeyId = null, string? sessionKeyId = null)
    {
        var unit = open ?? await store.OpenAsync(cancellationToken);
        try
        {
            if (key is not null)
            {
                // A request naming a known key is in its log and counts, refused, whatever failed.
                await unit.BeginAsync(cancellationToken);
                await unit.ApiKeyUsage.CountAsync(key.Id, request: true, denied: true, null, null, cancellationToken);
                unit.ApiKeyUsage.Add(ApiKeyUsageRows.For(http, key.Id, time.GetUtcNow(), error.Code));
            }

            unit.Audit.Append(Refusal(http, key?.KeyId ?? Truncate(claimedKeyId), key?.UserId, error.Code, sessionKeyId));
            await unit.CommitAsync(cancellationToken);
        }
        finally
        {
            if (open is null)
            {
                await unit.DisposeAsync();
            }
        }

        return error;
    }

    /// <summary>The audit record of a refused signed request; <paramref name="sessionKeyId"/> names the session key that signed it, if one did.</summary>
    private static AuditRecord Refusal(HttpContext http, string? keyId, Guid? userId, string code, string? sessionKeyId = null)
    {
        var data = new Dictionary<string, object?>
        {
            ["method"] = http.Request.Method,
            ["path"] = RequestLoggingMiddleware.LoggablePath(http.Request.Path.Value),
        };
        if (sessionKeyId is not null)
        {
            data["session_key_id"] = sessionKeyId;
        }

        return new(AuditEventTypes.ApiKeyRequestRefused, code, userId is { } id ? Actors.User(id) : Actors.Anonymous, keyId is null ? null : Actors.ApiKey(keyId),
            http.ClientIp()?.ToString(), data);
    }

    private static string? Truncate(string? keyId) =>
        keyId is null ? null : keyId.Length <= MaxLoggedKeyIdLength ? keyId : keyId[..MaxLoggedKeyIdLength];

    private static SignatureVerificationPolicy Policy(TimeSpan window) => new()
    {
        RequiredComponents = [ComponentIdentifier.Method, ComponentIdentifier.TargetUri],
        RequireContentDigestWithBody = true,
        MaxCreatedAhead = window,
        MaxCreatedBehind = window,
        AllowedAlgorithms = new HashSet<string>(StringComparer.Ordinal) { ApiKeyAlgorithms.Ed25519, ApiKeyAlgorithms.EcdsaP256, ApiKeyAlgorithms.HmacSha256 },
    };

    /// <summary>The message as received: the raw target, every header line, the body; <c>null</c> when the target cannot be signed.</summary>
    private static SignatureMessage? Message(HttpContext http, ReadOnlyMemory<byte> body)
    {
        var request = http.Request;
        var rawTarget = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(rawTarget) || !Uri.TryCreate($"{request.Scheme}://{request.Host.Value}/", UriKind.Absolute, out var uri))
        {
            return null;
        }

        var fields = new HttpFields();
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                fields.Add(name, value ?? "");
            }
        }

        try
        {
            return SignatureMessage.ForRequest(request.Method, uri, fields, body, rawTarget);
        }
        catch (ArgumentException)
        {
            return null; // not origin-form printable ASCII: answered as signature.malformed
        }
    }

    /// <summary>Reads the whole body (kept for the endpoint); <c>null</c> when it is longer than <paramref name="limit"/>.</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpContext http, int limit, CancellationToken cancellationToken)
    {
        var request = http.Request;
        if (request.ContentLength > limit)
        {
            return null;
        }

        request.EnableBuffering(); // already done before routing (GateApp), so that binding the endpoint's arguments left it readable
        request.Body.Position = 0;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                request.Body.Position = 0;
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        request.Body.Position = 0;
        return buffer.ToArray();
    }
}
