namespace Portcullis.Core.Notifications;

/// <summary>An address a user's notifications go to: an email address or a phone number (E.164).</summary>
public sealed class NotificationContact
{
    public required Guid Id { get; init; }

    public required Guid UserId { get; init; }

    /// <summary><see cref="NotificationChannel.Email"/> or <see cref="NotificationChannel.Sms"/>.</summary>
    public required NotificationChannel Channel { get; init; }

    /// <summary>Normalised: a lower-cased-domain email address, or a phone number in E.164 form.</summary>
    public required string Address { get; init; }

    public string? Label { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }
}
