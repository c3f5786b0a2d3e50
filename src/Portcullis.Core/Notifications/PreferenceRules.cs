namespace Portcullis.Core.Notifications;

/// <summary>
/// What a user's stored choices mean: a channel is on for a type unless the user switched it off (or on, for
/// a channel that is off by default). Security-critical types keep at least one of email and SMS.
/// </summary>
public static class PreferenceRules
{
    /// <summary>Whether <paramref name="channel"/> is on for <paramref name="kind"/> given the user's stored choices.</summary>
    public static bool IsEnabled(NotificationKind kind, NotificationChannel channel, IEnumerable<NotificationPreference> stored)
    {
        foreach (var preference in stored)
        {
            if (preference.Channel == channel && string.Equals(preference.Type, kind.Type, StringComparison.Ordinal))
            {
                return preference.Enabled;
            }
        }

        return kind.Defaults.Contains(channel);
    }

    /// <summary>
    /// Whether a change leaves a locked (security-critical) type reachable: email or SMS must stay on. The
    /// in-app feed always has every event and does not count, since nobody reads it during an attack.
    /// </summary>
    /// <remarks>The other channel counts only when the user has an address for it.</remarks>
    public static bool KeepsCriticalReachable(NotificationKind kind, NotificationChannel channel, bool enabled,
        IEnumerable<NotificationPreference> stored, IEnumerable<NotificationContact> contacts)
    {
        if (!kind.Locked || enabled || channel == NotificationChannel.Webhook)
        {
            return true;
        }

        var other = channel == NotificationChannel.Email ? NotificationChannel.Sms : NotificationChannel.Email;
        return IsEnabled(kind, other, stored) && contacts.Any(c => c.Channel == other);
    }
}
