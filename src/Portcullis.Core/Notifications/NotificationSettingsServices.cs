using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Configuration;
using Portcullis.Core.Notifications.Webhooks;

namespace Portcullis.Core.Notifications;

/// <summary>Registers the notification settings, webhook endpoints and the in-app feed (called by <c>AddPortcullisCore</c>).</summary>
public static class NotificationSettingsServices
{
    public static IServiceCollection AddNotificationSettings(this IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>();
        services.AddSingleton<IConfigurationCheck, NotificationSettingsConfigurationCheck>();
        services.AddSingleton<NotificationSettingsService>();
        services.AddSingleton<WebhookEndpointService>();
        services.AddSingleton<NotificationFeedService>();
        return services;
    }
}
