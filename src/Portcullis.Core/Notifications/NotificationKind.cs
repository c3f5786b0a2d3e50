namespace Portcullis.Core.Notifications;

/// <summary>What the catalogue knows about one event type.</summary>
/// <param name="Type">The stable type, e.g. <c>security.new_device</c>.</param>
/// <param name="Severity">Critical events cannot be switched off on every external channel at once.</param>
/// <param name="Title">A short title: the email subject, the feed heading.</param>
/// <param name="Defaults">The channels it goes to unless the user chose otherwise.</param>
public sealed record NotificationKind(string Type, NotificationSeverity Severity, string Title, IReadOnlySet<NotificationChannel> Defaults)
{
    /// <summary>Security-critical: email and SMS cannot both be switched off (the feed always has it).</summary>
    public bool Locked => Severity == NotificationSeverity.Critical;

    /// <summary>Whether the email carries a one-click "this wasn't me" link.</summary>
    public bool OffersFreezeLink => Type.StartsWith("security.", StringComparison.Ordinal) || Type.StartsWith("apikey.", StringComparison.Ordinal)
        || Type.StartsWith("funding.", StringComparison.Ordinal) || Type.StartsWith("recovery.", StringComparison.Ordinal);
}
