using Portcullis.Core.Notifications;

namespace Portcullis.Core.Persistence;

/// <summary>The notification outbox: events waiting to be fanned out, and deliveries waiting to be sent.</summary>
public interface IOutboxStore
{
    /// <summary>Events not yet fanned out, oldest first, tracked.</summary>
    Task<IReadOnlyList<NotificationEvent>> ListUnfannedAsync(int limit, CancellationToken cancellationToken);

    Task<NotificationEvent?> FindEventAsync(Guid id, CancellationToken cancellationToken);

    void Add(NotificationDelivery delivery);

    /// <summary>
    /// Pending deliveries due at <paramref name="now"/> whose lease (if any) has run out, oldest first, tracked.
    /// Call inside <see cref="IGateUnit.BeginAsync"/> and set their lease before committing, so that two
    /// dispatchers never take the same one.
    /// </summary>
    Task<IReadOnlyList<NotificationDelivery>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>One delivery, tracked.</summary>
    Task<NotificationDelivery?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Deliveries for operators, newest first, optionally only in one state or of one user.</summary>
    Task<IReadOnlyList<NotificationDelivery>> ListAsync(DeliveryState? state, Guid? userId, int limit, CancellationToken cancellationToken);

    /// <summary>The deliveries of one event.</summary>
    Task<IReadOnlyList<NotificationDelivery>> ListForEventAsync(Guid eventId, CancellationToken cancellationToken);
}
