using Portcullis.Core.Notifications;
using Portcullis.Core.Notifications.Delivery;

namespace Portcullis.Server.Api.Contracts;

/// <summary>A notification delivery as operators see it (the API and <c>portcullis notifications deliveries --json</c>).</summary>
public sealed record DeliveryView(
    Guid Id,
    Guid EventId,
    Guid UserId,
    string Channel,
    string Target,
    string State,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? DeadAt)
{
    public static DeliveryView From(NotificationDelivery d) => new(
        d.Id, d.EventId, d.UserId, NotificationCatalog.WireName(d.Channel), d.TargetDisplay, DeliveryAdminService.WireName(d.State), d.Attempts,
        d.State == DeliveryState.Pending ? d.NextAttemptAt : null, d.LastError, d.CreatedAt, d.DeliveredAt, d.DeadAt);
}
