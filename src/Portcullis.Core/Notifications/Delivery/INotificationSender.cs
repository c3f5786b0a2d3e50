namespace Portcullis.Core.Notifications.Delivery;

/// <summary>
/// Sends one delivery over one channel. Implementations live in the host (SMTP, webhooks, SMS). They never
/// throw for a delivery problem: they return <see cref="DeliveryOutcome.Retry"/> (the dispatcher tries again
/// later, with backoff) or <see cref="DeliveryOutcome.GiveUp"/> (a permanent failure, e.g. an address the
/// server refuses), with an error text that holds no secret. They never log message bodies.
/// </summary>
public interface INotificationSender
{
    NotificationChannel Channel { get; }

    Task<DeliveryOutcome> SendAsync(OutgoingNotification notification, CancellationToken cancellationToken);
}
