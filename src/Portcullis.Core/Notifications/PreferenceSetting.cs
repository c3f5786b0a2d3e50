namespace Portcullis.Core.Notifications;

/// <summary>One row of a user's preference matrix: an event type and whether each channel is on for it.</summary>
/// <param name="Kind">The catalogue entry (title, severity, <see cref="NotificationKind.Locked"/>, defaults).</param>
/// <param name="Channels">The effective choice per channel (stored choice, else the default).</param>
public sealed record PreferenceSetting(NotificationKind Kind, IReadOnlyDictionary<NotificationChannel, bool> Channels);
