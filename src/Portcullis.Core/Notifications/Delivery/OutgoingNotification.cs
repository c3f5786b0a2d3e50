using Portcullis.Core.Users;

namespace Portcullis.Core.Notifications.Delivery;

/// <summary>Everything a sender needs for one attempt.</summary>
/// <param name="Delivery">The outbox row; its <see cref="NotificationDelivery.Id"/> is the idempotency id.</param>
/// <param name="Event">The event being delivered.</param>
/// <param name="Kind">The catalogue entry for the event's type.</param>
/// <param name="User">The recipient (anti-phishing phrase, display name).</param>
/// <param name="Contact">The address, for email and SMS.</param>
/// <param name="Webhook">The endpoint, for webhooks.</param>
/// <param name="FreezeUrl">The one-click "this wasn't me" link, for security events' emails.</param>
public sealed record OutgoingNotification(
    NotificationDelivery Delivery,
    NotificationEvent Event,
    NotificationKind Kind,
    User User,
    NotificationContact? Contact,
    WebhookEndpoint? Webhook,
    Uri? FreezeUrl);
