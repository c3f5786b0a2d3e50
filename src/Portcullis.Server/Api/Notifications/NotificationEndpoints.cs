namespace Portcullis.Server.Api.Notifications;

/// <summary>The in-app feed, notification addresses, preferences, the anti-phishing phrase and webhook endpoints.</summary>
public static class NotificationEndpoints
{
    public static void Map(RouteGroupBuilder authenticated)
    {
    }
}
