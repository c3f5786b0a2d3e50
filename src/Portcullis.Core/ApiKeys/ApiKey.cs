namespace Portcullis.Core.ApiKeys;

/// <summary>
/// A bot's key (docs/api-keys.md): who owns it, how it signs, what it may do and from where, and until when. The private
/// key never reaches the gate; an HMAC secret is stored only encrypted. Scopes are attributes the policy and the key
/// checks enforce on every signed request.
/// </summary>
public sealed class ApiKey
{
    public required Guid Id { get; init; }

    public required Guid UserId { get; init; }

    /// <summary>The public identifier a signature names in its <c>keyid</c> parameter (<c>pk_</c> and 24 base32 characters).</summary>
    public required string KeyId { get; init; }

    public required string Name { get; set; }

    public required ApiKeyAlgorithm Algorithm { get; init; }

    /// <summary>Ed25519: the raw 32-byte key; ECDSA P-256: its DER SubjectPublicKeyInfo; HMAC: none.</summary>
    public byte[]? PublicKey { get; init; }

    /// <summary>HMAC only: the shared secret, encrypted with <see cref="ApiKeyService.SecretPurpose"/>.</summary>
    public byte[]? SecretCiphertext { get; init; }

    public required ApiKeyPermissions Permissions { get; init; }

    /// <summary>Asset classes it may trade (empty: all).</summary>
    public required IReadOnlyList<string> AssetClasses { get; init; }

    /// <summary>Markets it may trade (empty: all).</summary>
    public required IReadOnlyList<string> Markets { get; init; }

    /// <summary>Symbols it may trade (empty: all).</summary>
    public required IReadOnlyList<string> Symbols { get; init; }

    /// <summary>Order types it may place (empty: all).</summary>
    public required IReadOnlyList<string> OrderTypes { get; init; }

    public decimal? MaxOrderNotional { get; init; }

    public decimal? MaxDailyNotional { get; init; }

    public int? MaxOrdersPerMinute { get; init; }

    /// <summary>Normalised CIDR ranges requests must come from (empty: anywhere, and trading lapses after 30 days).</summary>
    public required IReadOnlyList<string> IpAllowlist { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Mandatory; a rotation may bring it forward to the end of the overlap.</summary>
    public required DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When the trade permission lapses for a key without an IP allowlist; <c>null</c> when it does not.</summary>
    public DateTimeOffset? TradeLapsesAt { get; init; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }

    /// <summary>The key this one succeeds (rotation), and the one that succeeds it.</summary>
    public Guid? PredecessorId { get; init; }

    public Guid? SuccessorId { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public string? LastUsedIp { get; set; }

    public long RequestCount { get; set; }

    public long DenialCount { get; set; }

    /// <summary><c>active</c>, <c>expired</c> or <c>revoked</c> at <paramref name="now"/>.</summary>
    public string StateAt(DateTimeOffset now) => RevokedAt is not null ? "revoked" : now >= ExpiresAt ? "expired" : "active";

    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;

    /// <summary>The permissions in force at <paramref name="now"/>: trading lapses at <see cref="TradeLapsesAt"/>.</summary>
    public ApiKeyPermissions PermissionsAt(DateTimeOffset now) =>
        TradeLapsesAt is { } lapse && now >= lapse ? Permissions & ~ApiKeyPermissions.Trade : Permissions;
}
