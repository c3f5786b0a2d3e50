using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Portcullis.Core.Audit;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;
using Portcullis.Core.Results;
using Portcullis.Core.Secrets;

namespace Portcullis.Core.ApiKeys;

/// <summary>
/// Creates, lists, rotates and revokes a user's API keys (docs/api-keys.md). Every change is audited and announced on
/// every channel; the policy decides who may make it (creating and rotating are tier 1 and frozen by an <c>api</c> freeze;
/// revoking is always allowed).
/// </summary>
public sealed class ApiKeyService(IGateStore store, ISecretProtector protector, IOptions<ApiKeyOptions> options, TimeProvider time)
{
    /// <summary>The purpose an HMAC key's secret is encrypted for.</summary>
    public const string SecretPurpose = "apikey.hmac.secret";

    public async Task<Result<ApiKeyCreated>> CreateAsync(Guid userId, NewApiKey request, string? ip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var o = options.Value;
        var scopes = ApiKeyScopes.Read(request, o);
        if (!scopes.IsSuccess)
        {
            return scopes.Error;
        }

        var algorithm = ApiKeyAlgorithms.Parse(request.Algorithm);
        if (algorithm is null)
        {
            return ApiKeyErrors.Invalid(new Dictionary<string, string[]> { ["algorithm"] = ["Use ed25519 (default), ecdsa-p256-sha256 or hmac-sha256."] });
        }

        var material = Material(algorithm.Value, request.PublicKey);
        if (!material.IsSuccess)
        {
            return material.Error;
        }

        var now = time.GetUtcNow();
        await using var unit = await store.OpenAsync(cancellationToken);
        await unit.BeginAsync(cancellationToken);
        var active = (await unit.ApiKeys.ListForUserAsync(userId, cancellationToken)).Count(k => k.IsActiveAt(now));
        if (active >= o.MaxKeysPerUser)
        {
            return ApiKeyErrors.Limit(o.MaxKeysPerUser);
        }

        var s = scopes.Value;
        var key = NewKey(userId, s.Name, algorithm.Value, material.Value.PublicKey, material.Value.Secret, s, now, now + s.Lifetime, null);
        unit.ApiKeys.Add(key);
        Announce(unit, key, AuditEventTypes.ApiKeyCreated, ip, now, predecessor: null);
        await unit.CommitAsync(cancellationToken);
        return new ApiKeyCreated(key, Reveal(material.Value.Secret));
    }

    /// <summary>The user's keys, newest first, with their state and usage.</summary>
    public async Task<IReadOnlyList<ApiKey>> ListAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        return await unit.ApiKeys.ListForUserAsync(userId, cancellationToken);
    }

    /// <summary>One of the user's keys (another user's is not found).</summary>
    public async Task<Result<ApiKey>> FindAsync(Guid userId, Guid id, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        return await unit.ApiKeys.FindAsync(id, cancellationToken) is { } key && key.UserId == userId ? key : ApiKeyErrors.NotFound();
    }

    /// <summary>Revokes a key at once: its signatures, and any session keys derived from it, stop working.</summary>
    public async Task<Result<ApiKey>> RevokeAsync(Guid userId, Guid id, string actor, string? ip, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var unit = await store.OpenAsync(cancellationToken);
        await unit.BeginAsync(cancellationToken);
        if (await unit.ApiKeys.FindAsync(id, cancellationToken) is not { } key || key.UserId != userId)
        {
            return ApiKeyErrors.NotFound();
        }

        if (key.RevokedAt is not null)
        {
            return ApiKeyErrors.Revoked();
        }

        key.RevokedAt = now;
        key.RevokedBy = actor;
        foreach (var session in await unit.SessionKeys.ListForApiKeyAsync(key.Id, cancellationToken))
        {
            session.RevokedAt ??= now; // its session keys end with it, in the same transaction
        }

        unit.Audit.Append(new AuditRecord(AuditEventTypes.ApiKeyRevoked, "ok", actor, Actors.User(userId), ip, Data(key)));
        Notify.Emit(unit, userId, NotificationTypes.ApiKeyRevoked, NotificationSeverity.Warning,
            $"The API key \"{key.Name}\" ({key.KeyId}) was revoked. Bots using it can no longer sign requests.", Data(key), now);
        await unit.CommitAsync(cancellationToken);
        return key;
    }

    /// <summary>
    /// Rotates a key: a successor with the same scopes and a new key (a public key the client uploads, or a new HMAC
    /// secret), and the old key expires at the end of the overlap (default <see cref="ApiKeyOptions.DefaultRotationOverlap"/>)
    /// unless it expires sooner. Both keep working during the overlap.
    /// </summary>
    public async Task<Result<ApiKeyCreated>> RotateAsync(Guid userId, Guid id, string? publicKey, int? overlapHours, string? ip,
        CancellationToken cancellationToken)
    {
        var o = options.Value;
        var maxHours = (int)o.MaxRotationOverlap.TotalHours;
        if (overlapHours is < 0 || overlapHours > maxHours)
        {
            return ApiKeyErrors.Invalid(new Dictionary<string, string[]>
            {
                ["overlap_hours"] = [string.Create(CultureInfo.InvariantCulture, $"0 to {maxHours} hours.")],
            });
        }

        var overlap = overlapHours is { } hours ? TimeSpan.FromHours(hours) : o.DefaultRotationOverlap;

        var now = time.GetUtcNow();
        await using var unit = await store.OpenAsync(cancellationToken);
        await unit.BeginAsync(cancellationToken);
        if (await unit.ApiKeys.FindAsync(id, cancellationToken) is not { } old || old.UserId != userId)
        {
            return ApiKeyErrors.NotFound();
        }

        if (!old.IsActiveAt(now))
        {
            return ApiKeyErrors.Revoked();
        }

        if (old.SuccessorId is not null)
        {
            return ApiKeyErrors.AlreadyRotated();
        }

        var material = Material(old.Algorithm, publicKey);
        if (!material.IsSuccess)
        {
            return material.Error;
        }

        var lifetime = old.ExpiresAt - old.CreatedAt;
        var scopes = ApiKeyScopes.From(old, lifetime);
        var successor = NewKey(userId, old.Name, old.Algorithm, material.Value.PublicKey, material.Value.Secret, scopes, now, now + lifetime, old.Id);
        old.SuccessorId = successor.Id;
        if (now + overlap < old.ExpiresAt)
        {
            old.ExpiresAt = now + overlap;
        }

        unit.ApiKeys.Add(successor);
        Announce(unit, successor, AuditEventTypes.ApiKeyRotated, ip, now, old);
        await unit.CommitAsync(cancellationToken);
        return new ApiKeyCreated(successor, Reveal(material.Value.Secret));
    }

    private ApiKey NewKey(Guid userId, string name, ApiKeyAlgorithm algorithm, byte[]? publicKey, byte[]? secret, ApiKeyScopes scopes,
        DateTimeOffset now, DateTimeOffset expiresAt, Guid? predecessor)
    {
        var unrestricted = scopes.IpAllowlist.Count == 0 && (scopes.Permissions & ApiKeyPermissions.Trade) != 0;
        var lapse = now + options.Value.UnrestrictedTradeLifetime;
        return new ApiKey
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            KeyId = NewKeyId(),
            Name = name,
            Algorithm = algorithm,
            PublicKey = publicKey,
            SecretCiphertext = secret is null ? null : protector.Protect(secret, SecretPurpose),
            Permissions = scopes.Permissions,
            AssetClasses = scopes.AssetClasses,
            Markets = scopes.Markets,
            Symbols = scopes.Symbols,
            OrderTypes = scopes.OrderTypes,
            MaxOrderNotional = scopes.MaxOrderNotional,
            MaxDailyNotional = scopes.MaxDailyNotional,
            MaxOrdersPerMinute = scopes.MaxOrdersPerMinute,
            IpAllowlist = scopes.IpAllowlist,
            CreatedAt = now,
            ExpiresAt = expiresAt,
            TradeLapsesAt = unrestricted && lapse < expiresAt ? lapse : null,
            PredecessorId = predecessor,
        };
    }

    private static void Announce(IGateUnit unit, ApiKey key, string type, string? ip, DateTimeOffset now, ApiKey? predecessor)
    {
        var data = Data(key);
        if (predecessor is not null)
        {
            data["predecessor_key_id"] = predecessor.KeyId;
            data["predecessor_expires_at"] = predecessor.ExpiresAt;
        }

        unit.Audit.Append(new AuditRecord(type, "ok", Actors.User(key.UserId), Actors.User(key.UserId), ip, data));
        var what = predecessor is null ? "was created" : $"was created to replace {predecessor.KeyId}, which now expires at {predecessor.ExpiresAt:yyyy-MM-dd HH:mm} UTC";
        var allowlist = key.IpAllowlist.Count == 0 ? "from any address" : "from " + string.Join(", ", key.IpAllowlist);
        Notify.Emit(unit, key.UserId, NotificationTypes.ApiKeyCreated, NotificationSeverity.Critical,
            string.Create(CultureInfo.InvariantCulture,
                $"The API key \"{key.Name}\" ({key.KeyId}, {ApiKeyAlgorithms.Name(key.Algorithm)}, {ApiKeyScopes.PermissionNames(key.Permissions)}, {allowlist}) {what}. If this wasn't you, revoke it and freeze API access now."),
            data, now);
    }

    private static Dictionary<string, object?> Data(ApiKey key) => new()
    {
        ["api_key_id"] = key.Id,
        ["key_id"] = key.KeyId,
        ["name"] = key.Name,
        ["algorithm"] = ApiKeyAlgorithms.Name(key.Algorithm),
        ["permissions"] = ApiKeyScopes.PermissionNames(key.Permissions),
        ["ip_allowlist"] = key.IpAllowlist,
        ["expires_at"] = key.ExpiresAt,
        ["fingerprint"] = key.PublicKey is null ? null : ApiKeyPublicKeys.Fingerprint(key.PublicKey),
    };

    private static Result<(byte[]? PublicKey, byte[]? Secret)> Material(ApiKeyAlgorithm algorithm, string? publicKey)
    {
        if (algorithm == ApiKeyAlgorithm.HmacSha256)
        {
            return publicKey is null
                ? Result<(byte[]?, byte[]?)>.Success((null, RandomNumberGenerator.GetBytes(32)))
                : ApiKeyErrors.PublicKeyInvalid("HMAC keys have no public key: the gate generates the secret.");
        }

        var read = ApiKeyPublicKeys.Read(algorithm, publicKey);
        return read.IsSuccess ? Result<(byte[]?, byte[]?)>.Success((read.Value, null)) : read.Error;
    }

    private static string? Reveal(byte[]? secret)
    {
        if (secret is null)
        {
            return null;
        }

        var text = Base64Url.EncodeToString(secret);
        CryptographicOperations.ZeroMemory(secret);
        return text;
    }

    /// <summary><c>pk_</c> and 24 characters of lower-case base32 (120 random bits).</summary>
    private static string NewKeyId()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        Span<char> chars = stackalloc char[24];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return "pk_" + new string(chars);
    }
}
