using System.Collections.Frozen;
using Portcullis.Core.Audit;

namespace Portcullis.Server.Portal;

/// <summary>
/// Audit events in words for the activity log and the operators' audit page: a sentence per event type (an unknown type is
/// shown as itself), and who did it. Only the type, outcome code, actor kind, address and time are shown, never the
/// event's data.
/// </summary>
public static class ActivityWords
{
    private static readonly FrozenDictionary<string, string> Sentences = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["signin.succeeded"] = "Signed in",
        ["signin.failed"] = "A sign-in failed",
        ["signin.second_factor_required"] = "Password accepted; a second factor was asked for",
        ["session.created"] = "A session started",
        ["session.revoked"] = "A session was signed out",
        ["session.reauthenticated"] = "The password was proven again in a session",
        ["session.stepped_up"] = "A second factor was proven again in a session",
        ["stepup.started"] = "A second-factor check started",
        ["factor.enrolment_started"] = "Adding a sign-in factor started",
        ["factor.enrolment_failed"] = "Adding a sign-in factor failed",
        ["factor.bound"] = "A sign-in factor was added",
        ["factor.removed"] = "A sign-in factor was removed",
        ["factor.renamed"] = "A sign-in factor was renamed",
        ["factor.counter_regression"] = "A security key reported a counter that went backwards (it may have been copied)",
        ["recovery_codes.generated"] = "New recovery codes were generated",
        ["recovery_code.used"] = "A recovery code was used",
        ["push.sent"] = "An approval request was sent to an authenticator",
        ["push.answered"] = "An approval request was answered",
        ["push.refused"] = "An approval request was refused",
        ["push.denied"] = "An approval request was denied",
        ["push.answer_rejected"] = "An answer to an approval request was rejected",
        ["authenticator.refused"] = "An authenticator's request was refused",
        ["sms.sent"] = "A code was sent by text message",
        ["sms.send_failed"] = "A text message could not be sent",
        ["device.registered"] = "A new device was registered",
        ["device.renamed"] = "A device was renamed",
        ["device.revoked"] = "A device was removed",
        ["user.created"] = "The user was created",
        ["user.disabled"] = "The user was disabled",
        ["user.enabled"] = "The user was enabled again",
        ["user.unlocked"] = "The user was unlocked",
        ["password.changed"] = "The password was changed",
        ["password.reset"] = "The password was reset",
        ["password.rehashed"] = "The stored password was upgraded to a stronger hash",
        ["account.created"] = "A trading account was opened",
        ["account.freeze_requested"] = "A freeze was asked for from an alert",
        ["report.frequency_changed"] = "The activity report's frequency was changed",
        ["policy.decided"] = "The policy decided on a request",
        ["notification.contact_added"] = "An alert address was added",
        ["notification.contact_removed"] = "An alert address was removed",
        ["notification.preference_changed"] = "Which alerts are sent was changed",
        ["notification.phrase_set"] = "The anti-phishing phrase was set",
        ["notification.phrase_cleared"] = "The anti-phishing phrase was removed",
        ["notification.webhook_added"] = "A webhook was added",
        ["notification.webhook_removed"] = "A webhook was removed",
        ["notification.webhook_secret_rotated"] = "A webhook's signing secret was replaced",
        ["notification.dead_lettered"] = "An alert could not be delivered",
        ["notification.retried"] = "An alert delivery was retried",
        ["freeze.set"] = "A freeze was set",
        ["freeze.lift_requested"] = "Lifting a freeze was asked for",
        ["freeze.lifted"] = "A freeze was lifted",
        ["settings_lock.enabled"] = "The settings lock was turned on",
        ["settings_lock.unlock_requested"] = "Turning off the settings lock was asked for",
        ["settings_lock.unlock_cancelled"] = "Turning off the settings lock was cancelled",
        ["cooldown.started"] = "A waiting period started after a security change",
        ["trusted_network.added"] = "A trusted network was added",
        ["trusted_network.removed"] = "A trusted network was removed",
        ["operation.held"] = "A request was held for approval",
        ["operation.executed"] = "A held request was carried out",
        ["operation.failed"] = "A held request failed",
        ["operation.denied"] = "A held request was denied",
        ["operation.expired"] = "A held request expired",
        ["operation.cancelled"] = "A held request was cancelled",
        ["apikey.created"] = "An API key was created",
        ["apikey.rotated"] = "An API key was rotated",
        ["apikey.revoked"] = "An API key was revoked",
        ["apikey.session_key_issued"] = "An API key got a session key",
        ["apikey.request_refused"] = "A request signed with an API key was refused",
        ["order.placed"] = "An order was placed",
        ["order.replayed"] = "An order was sent again; the first one stands",
        ["order.replaced"] = "An order was changed",
        ["order.cancelled"] = "An order was cancelled",
        ["trade.executed"] = "An order was filled",
        ["deposit.made"] = "Money was deposited",
        ["withdrawal.requested"] = "A withdrawal was asked for",
        ["destination.added"] = "A withdrawal destination was added",
        ["destination.removed"] = "A withdrawal destination was removed",
        ["margin.changed"] = "The margin setting was changed",
        ["store.initialised"] = "The gate's store was set up",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every type with a sentence (the tests check it against <see cref="AuditEventTypes"/>).</summary>
    public static IEnumerable<string> KnownTypes => Sentences.Keys;

    /// <summary>The event in words; an unknown type is named as it is written.</summary>
    public static string Sentence(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Sentences.TryGetValue(e.Type, out var sentence) ? sentence : $"Event \"{e.Type}\"";
    }

    /// <summary>The outcome when it is not plain success, e.g. <c>bad_password</c>; <c>null</c> for <c>ok</c>.</summary>
    public static string? Outcome(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Code is "ok" or "" ? null : e.Code.Replace('_', ' ');
    }

    /// <summary>Who did it, seen from <paramref name="viewer"/> (<c>user:&lt;id&gt;</c>; <c>null</c> for an operator's view).</summary>
    public static string Actor(AuditEvent e, string? viewer)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Actor switch
        {
            _ when viewer is not null && e.Actor == viewer => "you",
            Actors.Anonymous => "someone not signed in",
            Actors.System => "the gate",
            Actors.Cli => "an operator (command line)",
            var a when a.StartsWith("user:", StringComparison.Ordinal) => viewer is null ? a : "someone else (an operator or account member)",
            var a when a.StartsWith("apikey:", StringComparison.Ordinal) => "API key " + a["apikey:".Length..],
            var a when a.StartsWith("device:", StringComparison.Ordinal) => "an authenticator device",
            var a when a.StartsWith("session:", StringComparison.Ordinal) => "a session",
            var a => a,
        };
    }
}
