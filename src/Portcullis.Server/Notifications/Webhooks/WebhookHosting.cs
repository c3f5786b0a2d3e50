using Portcullis.Core.Notifications.Delivery;

namespace Portcullis.Server.Notifications.Webhooks;

/// <summary>Registers the webhook channel (Standard Webhooks sender).</summary>
public static class WebhookHosting
{
    public static IServiceCollection AddWebhookNotifications(this IServiceCollection services)
    {
        services.AddSingleton<WebhookConnector>();

        // The client's own logging would write endpoint URLs (whose query may carry a token); the sender logs what
        // matters itself, by endpoint id. No redirects (a 3xx could point anywhere), no cookies, no proxy (a proxy
        // would resolve the host itself and bypass the address check). The timeout is the sender's
        // (Notifications:Webhooks:Timeout), not HttpClient's.
        services.AddHttpClient(WebhookSender.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                UseProxy = false,
                ConnectCallback = sp.GetRequiredService<WebhookConnector>().ConnectAsync,
            })
            .RemoveAllLoggers();
        services.AddSingleton<INotificationSender, WebhookSender>();
        return services;
    }
}
