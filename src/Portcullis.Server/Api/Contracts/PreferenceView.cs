using Portcullis.Core.Notifications;

namespace Portcullis.Server.Api.Contracts;

/// <summary>
/// One event type's row of the preference matrix: whether each channel is on (<c>email</c>, <c>sms</c>, <c>webhook</c>),
/// and whether it is <c>locked</c> (security-critical: email and sms cannot both be off).
/// </summary>
public sealed record PreferenceView(string Type, string Title, NotificationSeverity Severity, bool Locked,
    IReadOnlyDictionary<string, bool> Channels, IReadOnlyList<string> Defaults)
{
    public static PreferenceView From(PreferenceSetting s) => new(
        s.Kind.Type,
        s.Kind.Title,
        s.Kind.Severity,
        s.Kind.Locked,
        s.Channels.OrderBy(c => c.Key).ToDictionary(c => NotificationCatalog.WireName(c.Key), c => c.Value, StringComparer.Ordinal),
        s.Kind.Defaults.Order().Select(NotificationCatalog.WireName).ToList());
}
