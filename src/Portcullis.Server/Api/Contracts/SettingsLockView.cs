using Portcullis.Core.Protection;

namespace Portcullis.Server.Api.Contracts;

/// <summary>The settings lock: whether it is on, its unlock delay, and a pending unlock if any.</summary>
public sealed record SettingsLockView(bool On, int? UnlockDelayDays, DateTimeOffset? EnabledAt, bool UnlockPending,
    DateTimeOffset? UnlockRequestedAt, DateTimeOffset? UnlockEffectiveAt)
{
    public static SettingsLockView From(SettingsLock? l, DateTimeOffset now) =>
        l is null || !l.IsOnAt(now)
            ? new(false, null, null, false, null, null)
            : new(true, l.UnlockDelayDays, l.EnabledAt, l.UnlockPendingAt(now), l.UnlockRequestedAt, l.UnlockEffectiveAt);
}
