namespace Portcullis.Core.Notifications;

/// <summary>Where a notification goes. The in-app feed always receives every event and is not a channel here.</summary>
public enum NotificationChannel
{
    Email = 0,
    Sms = 1,
    Webhook = 2,
}
