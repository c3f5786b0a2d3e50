namespace Portcullis.Core.ApiKeys;

/// <summary>What a user asks for when creating a key (all of it validated by <see cref="ApiKeyService"/>).</summary>
public sealed record NewApiKey
{
    public string? Name { get; init; }

    /// <summary><c>ed25519</c> (default), <c>ecdsa-p256-sha256</c> or <c>hmac-sha256</c>.</summary>
    public string? Algorithm { get; init; }

    /// <summary>For the asymmetric kinds: PEM (<c>BEGIN PUBLIC KEY</c>), or base64/base64url of the SubjectPublicKeyInfo or of a raw Ed25519 key.</summary>
    public string? PublicKey { get; init; }

    /// <summary><c>read</c> and/or <c>trade</c>.</summary>
    public IReadOnlyList<string?>? Permissions { get; init; }

    public IReadOnlyList<string?>? AssetClasses { get; init; }

    public IReadOnlyList<string?>? Markets { get; init; }

    public IReadOnlyList<string?>? Symbols { get; init; }

    public IReadOnlyList<string?>? OrderTypes { get; init; }

    public decimal? MaxOrderNotional { get; init; }

    public decimal? MaxDailyNotional { get; init; }

    public int? MaxOrdersPerMinute { get; init; }

    public IReadOnlyList<string?>? IpAllowlist { get; init; }

    /// <summary>Days until the key expires (default <see cref="ApiKeyOptions.DefaultLifetime"/>).</summary>
    public int? ExpiresInDays { get; init; }
}
