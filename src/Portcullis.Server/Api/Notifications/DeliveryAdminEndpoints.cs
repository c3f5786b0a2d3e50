namespace Portcullis.Server.Api.Notifications;

/// <summary>Operators: the outbox's deliveries, dead letters, and retrying them.</summary>
public static class DeliveryAdminEndpoints
{
    public static void Map(RouteGroupBuilder authenticated)
    {
    }
}
