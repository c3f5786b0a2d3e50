namespace Portcullis.Core.ApiKeys;

/// <summary>
/// A short-lived symmetric key derived from an API key (docs/api-keys.md, "Session keys"): a bot signs one request with its
/// long-term key and receives it; later requests are signed <c>hmac-sha256</c> with it, from the address it was issued to,
/// until it expires (at most 15 minutes). It carries no scopes of its own: each request runs with its API key's, read fresh.
/// The secret is stored only encrypted (<see cref="ApiSessionKeys.SecretPurpose"/>).
/// </summary>
public sealed class ApiSessionKey
{
    public required Guid Id { get; init; }

    /// <summary>The identifier a signature names in its <c>keyid</c> parameter (<c>sk_</c> and 24 base32 characters).</summary>
    public required string KeyId { get; init; }

    /// <summary>The API key it was issued for, whose scopes, allowlist and state apply to every request.</summary>
    public required Guid ApiKeyId { get; init; }

    /// <summary>The 32-byte HMAC secret, encrypted with <see cref="ApiSessionKeys.SecretPurpose"/>.</summary>
    public required byte[] SecretCiphertext { get; init; }

    /// <summary>The only client address it may be used from: the one that asked for it.</summary>
    public required string BoundIp { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>At most <see cref="ApiKeyOptions.SessionKeyLifetime"/> after creation, and never after its API key expires.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Set when its API key is revoked (in the same transaction).</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}
