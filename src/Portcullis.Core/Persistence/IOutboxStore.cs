using Portcullis.Core.Notifications;

namespace Portcullis.Core.Persistence;

/// <summary>The notification outbox: events waiting to be fanned out, and deliveries waiting to be sent.</summary>
public interface IOutboxStore
{
    /// <summary>Events not yet fanned out, oldest first (not tracked: claim each with <see cref="TryClaimEventAsync"/>).</summary>
    Task<IReadOnlyList<NotificationEvent>> ListUnfannedAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Marks an event fanned out if nobody has yet, atomically (a conditional update): of two dispatchers on two
    /// nodes, exactly one gets true. Call inside <see cref="IGateUnit.BeginAsync"/>, with the deliveries it adds.
    /// </summary>
    Task<bool> TryClaimEventAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Takes a due delivery for this dispatcher until <paramref name="leaseUntil"/>, atomically: false when another
    /// one holds it or it is no longer pending.
    /// </summary>
    Task<bool> TryLeaseAsync(Guid id, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    Task<NotificationEvent?> FindEventAsync(Guid id, CancellationToken cancellationToken);

    void Add(NotificationDelivery delivery);

    /// <summary>Ids of pending deliveries due at <paramref name="now"/> whose lease (if any) has run out, oldest first.</summary>
    Task<IReadOnlyList<Guid>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>One delivery, tracked.</summary>
    Task<NotificationDelivery?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Deliveries for operators, newest first, optionally only in one state or of one user.</summary>
    Task<IReadOnlyList<NotificationDelivery>> ListAsync(DeliveryState? state, Guid? userId, int limit, CancellationToken cancellationToken);
}
