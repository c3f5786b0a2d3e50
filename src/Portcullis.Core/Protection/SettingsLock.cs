namespace Portcullis.Core.Protection;

/// <summary>
/// A user's settings lock (one row per user): while on, the policy refuses security changes. Turning it off is
/// requested and takes effect <see cref="UnlockDelayDays"/> days later; the request may be cancelled until then.
/// </summary>
public sealed class SettingsLock
{
    public required Guid UserId { get; init; }

    /// <summary>The delay between asking to unlock and being unlocked, 1–30 days.</summary>
    public required int UnlockDelayDays { get; set; }

    public required DateTimeOffset EnabledAt { get; set; }

    public DateTimeOffset? UnlockRequestedAt { get; set; }

    /// <summary>When the requested unlock takes effect; from then on the lock is off.</summary>
    public DateTimeOffset? UnlockEffectiveAt { get; set; }

    public bool IsOnAt(DateTimeOffset now) => UnlockEffectiveAt is not { } effective || now < effective;

    public bool UnlockPendingAt(DateTimeOffset now) => UnlockEffectiveAt is { } effective && now < effective;
}
