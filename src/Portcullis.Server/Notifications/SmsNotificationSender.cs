using Portcullis.Core.Factors.Sms;
using Portcullis.Core.Notifications;
using Portcullis.Core.Notifications.Delivery;

namespace Portcullis.Server.Notifications;

/// <summary>Notifications as text messages, through the same <see cref="ISmsSender"/> as SMS codes.</summary>
public sealed class SmsNotificationSender(ISmsSender sms) : INotificationSender
{
    private const int MaxLength = 320;

    public NotificationChannel Channel => NotificationChannel.Sms;

    public async Task<DeliveryOutcome> SendAsync(OutgoingNotification notification, CancellationToken cancellationToken)
    {
        if (notification.Contact is not { Channel: NotificationChannel.Sms } contact)
        {
            return DeliveryOutcome.GiveUp("contact.missing");
        }

        var text = $"Portcullis: {notification.Kind.Title}. {notification.Event.Summary}";
        if (text.Length > MaxLength)
        {
            text = text[..(MaxLength - 1)] + "…";
        }

        var sent = await sms.SendAsync(contact.Address, text, cancellationToken);
        return sent.IsSuccess ? DeliveryOutcome.Ok : DeliveryOutcome.Retry("sms." + (sent.Error?.Reason ?? sent.Error?.Code ?? "failed"));
    }
}
