using Portcullis.Server.Notifications.Email;
using Portcullis.Server.Notifications.Webhooks;
using Portcullis.Server.Reports;

namespace Portcullis.Server.Notifications;

/// <summary>Registers the outbox dispatcher and every channel.</summary>
public static class NotificationHosting
{
    public static IServiceCollection AddNotificationDelivery(this IServiceCollection services)
    {
        services.AddEmailNotifications();
        services.AddWebhookNotifications();
        services.AddActivityReports();
        return services;
    }
}
