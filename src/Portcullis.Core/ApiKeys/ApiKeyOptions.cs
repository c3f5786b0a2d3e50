namespace Portcullis.Core.ApiKeys;

/// <summary>API keys (configuration section <c>ApiKeys</c>).</summary>
public sealed class ApiKeyOptions
{
    public const string Section = "ApiKeys";

    /// <summary>Lifetime of a key created without one. Default 90 days; 1 day up to <see cref="MaxLifetime"/>.</summary>
    public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Longest lifetime a key may ask for. Default 365 days; at most 365 days.</summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How long the trade permission lasts on a key without an IP allowlist. Default 30 days; 1–365 days.</summary>
    public TimeSpan UnrestrictedTradeLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Keys a user may have that are neither revoked nor expired. Default 20; 1–100.</summary>
    public int MaxKeysPerUser { get; set; } = 20;

    /// <summary>Overlap of a rotation when none is asked for. Default 24 hours; up to <see cref="MaxRotationOverlap"/>.</summary>
    public TimeSpan DefaultRotationOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Longest overlap a rotation may ask for. Default 7 days; at most 30 days.</summary>
    public TimeSpan MaxRotationOverlap { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How far a signed request's <c>created</c> may be ahead of or behind the gate's clock (RFC 9421 §3.2.1), and how
    /// long its nonce is remembered. Default 5 seconds; 1–60 seconds.
    /// </summary>
    public TimeSpan SignatureWindow { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest request body a signed request may carry (it is buffered to check its digest). Default 1 MiB; 1 KiB–16 MiB.</summary>
    public int MaxSignedBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// How long a session key lasts (docs/api-keys.md, "Session keys"); never past its API key's expiry. Default 15 minutes;
    /// 1–15 minutes.
    /// </summary>
    public TimeSpan SessionKeyLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long a key's usage log keeps a signed request. Default 30 days; 1–365 days (at least a day: the rolling 24 hours
    /// of <see cref="ApiKey.MaxDailyNotional"/> are summed from it).
    /// </summary>
    public TimeSpan UsageRetention { get; set; } = TimeSpan.FromDays(30);
}
