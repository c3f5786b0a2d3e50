using System.Globalization;
using Portcullis.Core.Audit;
using Portcullis.Core.Persistence;
using Portcullis.Core.Results;
using Portcullis.Core.Sessions;

namespace Portcullis.Core.Notifications;

/// <summary>
/// Uses a "this wasn't me" link (made by <see cref="FreezeLinks"/> for a security email). Whoever holds the link
/// may do one thing with it, once: ask for the account to be frozen. That signs the account out everywhere
/// (every active session ends), freezes trading, withdrawals and API use
/// (<see cref="Protection.ProtectionService.LinkFreeze"/>), audits <see cref="AuditEventTypes.FreezeRequested"/> and
/// tells the user on every channel, all in one unit of work.
/// </summary>
/// <remarks>
/// An unknown, expired or used link all fail with <see cref="FreezeLinkErrors.InvalidCode"/>: the caller does not
/// learn which (the reason goes to the server log only). The token is never logged or audited.
/// </remarks>
public sealed class FreezeLinkService(IGateStore store, SessionService sessions, TimeProvider time)
{
    public const string RevokeReason = "freeze_requested";

    /// <summary>Whether <paramref name="token"/> is a link that can still be used. Changes nothing (mail scanners open links).</summary>
    public async Task<bool> PeekAsync(string? token, CancellationToken cancellationToken)
    {
        if (!SessionToken.HasShape(token, SessionToken.FreezeLinkPrefix))
        {
            return false;
        }

        await using var unit = await store.OpenAsync(cancellationToken);
        var link = await unit.NotificationSettings.FindFreezeLinkAsync(SessionToken.Hash(token!), cancellationToken);
        return link is not null && Refusal(link, time.GetUtcNow()) is null;
    }

    /// <summary>
    /// Uses the link: in one unit of work marks it used, ends every active session of its user, freezes
    /// <see cref="Protection.ProtectionService.LinkFreeze"/>, audits the request and emits <see cref="NotificationTypes.FreezeRequested"/>.
    /// </summary>
    public async Task<Result<FreezeRequest>> UseAsync(string? token, string? ip, CancellationToken cancellationToken)
    {
        if (!SessionToken.HasShape(token, SessionToken.FreezeLinkPrefix))
        {
            return FreezeLinkErrors.Invalid("malformed");
        }

        await using var unit = await store.OpenAsync(cancellationToken);

        // Two clicks at once (on one node or two) must not both use the link: the conditional update below decides.
        await unit.BeginAsync(cancellationToken);
        var link = await unit.NotificationSettings.FindFreezeLinkAsync(SessionToken.Hash(token!), cancellationToken);
        if (link is null)
        {
            return FreezeLinkErrors.Invalid("unknown");
        }

        var now = time.GetUtcNow();
        if (Refusal(link, now) is { } reason)
        {
            return FreezeLinkErrors.Invalid(reason);
        }

        var user = await unit.Users.FindAsync(link.UserId, cancellationToken);
        if (user is null)
        {
            return FreezeLinkErrors.Invalid("unknown_user");
        }

        if (!await unit.NotificationSettings.TryUseFreezeLinkAsync(link.Id, now, ip, cancellationToken))
        {
            return FreezeLinkErrors.Invalid("used");
        }

        var actor = "freeze_link:" + link.Id.ToString("D", CultureInfo.InvariantCulture);
        var revoked = await sessions.RevokeAllAsync(unit, user.Id, RevokeReason, actor, ip, keep: null, cancellationToken);
        var freeze = Protection.ProtectionService.Apply(unit, user.Id, Protection.ProtectionService.LinkFreeze, Protection.FreezeSource.Link, actor,
            "\"This wasn't me\" link from a security email.", ip, now);
        unit.Audit.Append(new AuditRecord(AuditEventTypes.FreezeRequested, "ok", actor, Actors.User(user.Id), ip,
            new Dictionary<string, object?>
            {
                ["event_id"] = link.EventId,
                ["sessions_revoked"] = revoked,
                ["freeze_id"] = freeze.Id,
                ["link_created_at"] = link.CreatedAt,
            }));
        Notify.Emit(unit, user.Id, NotificationTypes.FreezeRequested, NotificationSeverity.Critical,
            string.Create(CultureInfo.InvariantCulture,
                $"Someone used the \"this wasn't me\" link from one of your security emails. Your account was signed out everywhere ({revoked} session(s) ended) and trading, withdrawals and API use are frozen. Sign in again, change your password and review your devices and factors; lifting the freeze takes effect only after a cool-down."),
            new Dictionary<string, object?>
            {
                ["event_id"] = link.EventId,
                ["sessions_revoked"] = revoked,
                ["freeze_id"] = freeze.Id,
                ["ip"] = ip,
            }, now);
        await unit.CommitAsync(cancellationToken);
        return new FreezeRequest(user.Id, revoked, now);
    }

    private static string? Refusal(FreezeLink link, DateTimeOffset now) =>
        link.UsedAt is not null ? "used" : now >= link.ExpiresAt ? "expired" : null;
}
