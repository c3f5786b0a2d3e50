using Portcullis.Core.Notifications.Delivery;
using Portcullis.Server.Notifications.Email;
using Portcullis.Server.Notifications.Webhooks;
using Portcullis.Server.Reports;

namespace Portcullis.Server.Notifications;

/// <summary>Registers the outbox dispatcher and every channel.</summary>
public static class NotificationHosting
{
    public static IServiceCollection AddNotificationDelivery(this IServiceCollection services)
    {
        services.AddSingleton<PublicAddress>();
        services.AddSingleton<INotificationSender, SmsNotificationSender>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationDispatcher>());
        services.AddEmailNotifications();
        services.AddWebhookNotifications();
        services.AddActivityReports();
        return services;
    }
}
