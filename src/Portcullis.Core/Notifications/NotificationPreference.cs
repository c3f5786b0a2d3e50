namespace Portcullis.Core.Notifications;

/// <summary>
/// A user's choice for one event type on one channel. Only choices that differ from the catalogue's default
/// are stored; see <see cref="NotificationCatalog"/>.
/// </summary>
public sealed class NotificationPreference
{
    public required Guid UserId { get; init; }

    public required string Type { get; init; }

    public required NotificationChannel Channel { get; init; }

    public required bool Enabled { get; set; }

    public required DateTimeOffset UpdatedAt { get; set; }
}
