namespace Portcullis.Server.Notifications.Webhooks;

/// <summary>Registers the webhook channel (Standard Webhooks sender).</summary>
public static class WebhookHosting
{
    public static IServiceCollection AddWebhookNotifications(this IServiceCollection services) => services;
}
