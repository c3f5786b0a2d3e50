using System.Globalization;
using Portcullis.Core.Audit;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;
using Portcullis.Core.Results;

namespace Portcullis.Core.Protection;

/// <summary>
/// The settings lock (an analog of Kraken's Global Settings Lock): while it is on, the policy refuses every security
/// change. Turning it off is a request that takes effect after the delay the user chose (1–30 days); every request is
/// announced on every channel, and a pending request can be cancelled. See <c>docs/protection.md</c> for the states.
/// </summary>
public sealed class SettingsLockService(IGateStore store, TimeProvider time)
{
    public const int MinDelayDays = 1;
    public const int MaxDelayDays = 30;

    /// <summary>The user's lock, or <c>null</c> if they never turned it on.</summary>
    public async Task<SettingsLock?> GetAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        return await unit.Protection.FindSettingsLockAsync(userId, cancellationToken);
    }

    /// <summary>
    /// Turns the lock on with an unlock delay of <paramref name="delayDays"/>. While it is on, the delay may only grow
    /// (so that whoever holds a session cannot shorten the wait); a pending unlock stays pending.
    /// </summary>
    public async Task<Result<SettingsLock>> EnableAsync(Guid userId, int? delayDays, string? ip, CancellationToken cancellationToken)
    {
        if (delayDays is not { } days || days is < MinDelayDays or > MaxDelayDays)
        {
            return ProtectionErrors.UnlockDelayInvalid();
        }

        await using var unit = await store.OpenAsync(cancellationToken);
        await unit.BeginAsync(cancellationToken);
        var now = time.GetUtcNow();
        var existing = await unit.Protection.FindSettingsLockAsync(userId, cancellationToken);
        SettingsLock settingsLock;
        string outcome;
        if (existing is not null && existing.IsOnAt(now))
        {
            if (days < existing.UnlockDelayDays)
            {
                return ProtectionErrors.UnlockDelayShorter();
            }

            outcome = days == existing.UnlockDelayDays ? "unchanged" : "delay_extended";
            existing.UnlockDelayDays = days;
            settingsLock = existing;
        }
        else
        {
            outcome = "ok";
            settingsLock = existing ?? new SettingsLock { UserId = userId, UnlockDelayDays = days, EnabledAt = now };
            settingsLock.UnlockDelayDays = days;
            settingsLock.EnabledAt = now;
            settingsLock.UnlockRequestedAt = null;
            settingsLock.UnlockEffectiveAt = null;
            if (existing is null)
            {
                unit.Protection.AddSettingsLock(settingsLock);
            }
        }

        unit.Audit.Append(new AuditRecord(AuditEventTypes.SettingsLockEnabled, outcome, Actors.User(userId), Actors.User(userId), ip,
            new Dictionary<string, object?> { ["unlock_delay_days"] = days }));
        if (outcome != "unchanged")
        {
            Notify.Emit(unit, userId, NotificationTypes.SettingsLockEnabled, NotificationSeverity.Critical,
                string.Create(CultureInfo.InvariantCulture,
                    $"Your settings lock is on: security changes are refused until it is turned off, which takes {days} day(s) after asking."),
                new Dictionary<string, object?> { ["unlock_delay_days"] = days, ["ip"] = ip }, now);
        }

        await unit.CommitAsync(cancellationToken);
        return settingsLock;
    }

    /// <summary>
    /// Asks to turn the lock off: it goes off after the chosen delay. Every attempt is announced on every channel; asking
    /// again while a request is pending does not move its time.
    /// </summary>
    public async Task<Result<SettingsLock>> RequestUnlockAsync(Guid userId, string? ip, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        await unit.BeginAsync(cancellationToken);
        var now = time.GetUtcNow();
        var settingsLock = await unit.Protection.FindSettingsLockAsync(userId, cancellationToken);
        if (settingsLock is null || !settingsLock.IsOnAt(now))
        {
            return ProtectionErrors.SettingsLockOff();
        }

        var repeated = settingsLock.UnlockPendingAt(now);
        if (!repeated)
        {
            settingsLock.UnlockRequestedAt = now;
            settingsLock.UnlockEffectiveAt = now + TimeSpan.FromDays(settingsLock.UnlockDelayDays);
        }

        unit.Audit.Append(new AuditRecord(AuditEventTypes.SettingsLockUnlockRequested, repeated ? "already_pending" : "ok", Actors.User(userId),
            Actors.User(userId), ip, new Dictionary<string, object?> { ["effective_at"] = settingsLock.UnlockEffectiveAt }));
        Notify.Emit(unit, userId, NotificationTypes.SettingsUnlockRequested, NotificationSeverity.Critical,
            string.Create(CultureInfo.InvariantCulture,
                $"Someone asked to turn off your settings lock. It goes off at {settingsLock.UnlockEffectiveAt:yyyy-MM-dd HH:mm} UTC unless the request is cancelled. If this wasn't you, cancel it and freeze your account."),
            new Dictionary<string, object?> { ["effective_at"] = settingsLock.UnlockEffectiveAt, ["repeated"] = repeated, ["ip"] = ip }, now);
        await unit.CommitAsync(cancellationToken);
        return settingsLock;
    }

    /// <summary>Cancels a pending unlock: the lock stays on.</summary>
    public async Task<Result<SettingsLock>> CancelUnlockAsync(Guid userId, string? ip, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        await unit.BeginAsync(cancellationToken);
        var now = time.GetUtcNow();
        var settingsLock = await unit.Protection.FindSettingsLockAsync(userId, cancellationToken);
        if (settingsLock is null || !settingsLock.UnlockPendingAt(now))
        {
            return ProtectionErrors.UnlockNotRequested();
        }

        settingsLock.UnlockRequestedAt = null;
        settingsLock.UnlockEffectiveAt = null;
        unit.Audit.Append(new AuditRecord(AuditEventTypes.SettingsLockUnlockCancelled, "ok", Actors.User(userId), Actors.User(userId), ip));
        Notify.Emit(unit, userId, NotificationTypes.SettingsUnlockCancelled, NotificationSeverity.Critical,
            "The request to turn off your settings lock was cancelled: the lock stays on.",
            new Dictionary<string, object?> { ["ip"] = ip }, now);
        await unit.CommitAsync(cancellationToken);
        return settingsLock;
    }
}
