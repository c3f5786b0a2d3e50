namespace Portcullis.Core.Sessions;

/// <summary>
/// A server-side session. The client holds a 256-bit random token; only its SHA-256 hash is stored. The
/// session records every authentication event (method, time, device) so that assurance and freshness can
/// be derived for each request, and ends at the earlier of its idle and absolute timeouts.
/// </summary>
public sealed class Session
{
    public required Guid Id { get; init; }

    public required Guid UserId { get; init; }

    /// <summary>SHA-256 of the current token. Replaced on every re-authentication.</summary>
    public required byte[] TokenHash { get; set; }

    public required SessionClient Client { get; init; }

    public Guid? DeviceId { get; set; }

    public string? Ip { get; set; }

    public string? UserAgent { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset LastSeenAt { get; set; }

    public required DateTimeOffset AbsoluteExpiresAt { get; init; }

    /// <summary>Inactivity after which the session ends.</summary>
    public required TimeSpan IdleTimeout { get; init; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Stable reason code, e.g. <c>signed_out</c>, <c>revoked_by_user</c>, <c>user_disabled</c>.</summary>
    public string? RevokedReason { get; set; }

    /// <summary>While set, the session may only change the password or sign out.</summary>
    public bool PasswordChangeRequired { get; set; }

    /// <summary>
    /// Set after a recovery code was used: the session may only enrol a new factor (or sign out) until one is.
    /// </summary>
    public bool FactorEnrollmentRequired { get; set; }

    public List<SessionAuthentication> Authentications { get; init; } = [];

    public AssuranceLevel Assurance => Sessions.Assurance.Of(Authentications);

    public DateTimeOffset IdleExpiresAt => LastSeenAt + IdleTimeout;

    public DateTimeOffset ExpiresAt => IdleExpiresAt < AbsoluteExpiresAt ? IdleExpiresAt : AbsoluteExpiresAt;

    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;

    /// <summary>The most recent authentication event, if any.</summary>
    public SessionAuthentication? LastAuthentication =>
        Authentications.Count == 0 ? null : Authentications.MaxBy(a => a.At);

    /// <summary>Marks the session revoked; a revoked session never comes back.</summary>
    public bool Revoke(DateTimeOffset now, string reason)
    {
        if (RevokedAt is not null)
        {
            return false;
        }

        RevokedAt = now;
        RevokedReason = reason;
        return true;
    }
}
