using Microsoft.Extensions.Options;
using Portcullis.Core.Persistence;
using Portcullis.Core.Secrets;

namespace Portcullis.Core.Notifications.Delivery;

/// <summary>
/// Turns an event from the outbox into deliveries: one per address or webhook endpoint whose channel the user
/// has on for the event's type. Security events' emails get a "this wasn't me" link, made here once so that
/// every retry carries the same one.
/// </summary>
public sealed class NotificationFanOut(ISecretProtector protector, IOptions<NotificationOptions> options)
{
    private readonly NotificationOptions _options = options.Value;

    /// <summary>
    /// Within <paramref name="unit"/> (in a transaction): claims <paramref name="notification"/> and adds its
    /// deliveries. Returns null when another dispatcher claimed it first, else the number of deliveries.
    /// </summary>
    public async Task<int?> FanOutAsync(IGateUnit unit, NotificationEvent notification, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await unit.Outbox.TryClaimEventAsync(notification.Id, now, cancellationToken))
        {
            return null;
        }

        var kind = NotificationCatalog.Describe(notification.Type);
        var settings = unit.NotificationSettings;
        var preferences = await settings.ListPreferencesAsync(notification.UserId, cancellationToken);
        var deliveries = new List<NotificationDelivery>();
        foreach (var contact in await settings.ListContactsAsync(notification.UserId, cancellationToken))
        {
            if (PreferenceRules.IsEnabled(kind, contact.Channel, preferences))
            {
                deliveries.Add(Delivery(notification, contact.Channel, contact.Id, contact.Address, now));
            }
        }

        if (PreferenceRules.IsEnabled(kind, NotificationChannel.Webhook, preferences))
        {
            foreach (var endpoint in await settings.ListWebhooksAsync(notification.UserId, cancellationToken))
            {
                if (endpoint.Wants(notification.Type))
                {
                    deliveries.Add(Delivery(notification, NotificationChannel.Webhook, endpoint.Id, Webhooks.WebhookUrls.Display(endpoint.Url), now));
                }
            }
        }

        foreach (var delivery in deliveries)
        {
            unit.Outbox.Add(delivery);
        }

        if (kind.OffersFreezeLink && deliveries.Any(d => d.Channel == NotificationChannel.Email))
        {
            FreezeLinks.Create(unit, protector, notification, _options.FreezeLinkLifetime, now);
        }

        return deliveries.Count;
    }

    private static NotificationDelivery Delivery(NotificationEvent notification, NotificationChannel channel, Guid targetId, string display,
        DateTimeOffset now) => new()
        {
            Id = Guid.CreateVersion7(now),
            EventId = notification.Id,
            UserId = notification.UserId,
            Channel = channel,
            TargetId = targetId,
            TargetDisplay = display.Length > 320 ? display[..320] : display,
            NextAttemptAt = now,
            CreatedAt = now,
        };

}
