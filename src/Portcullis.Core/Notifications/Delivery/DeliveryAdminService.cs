using Portcullis.Core.Audit;
using Portcullis.Core.Persistence;
using Portcullis.Core.Results;

namespace Portcullis.Core.Notifications.Delivery;

/// <summary>What operators do with the outbox: look at deliveries (dead letters first of all) and send one again.</summary>
public sealed class DeliveryAdminService(IGateStore store, OutboxSignal signal, TimeProvider time)
{
    public static DeliveryState? ParseState(string? state) => state switch
    {
        "pending" => DeliveryState.Pending,
        "delivered" => DeliveryState.Delivered,
        "dead" => DeliveryState.Dead,
        _ => null,
    };

    public static string WireName(DeliveryState state) => state.ToString().ToLowerInvariant();

    public async Task<IReadOnlyList<NotificationDelivery>> ListAsync(DeliveryState? state, Guid? userId, int limit,
        CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        return await unit.Outbox.ListAsync(state, userId, Math.Clamp(limit, 1, 500), cancellationToken);
    }

    /// <summary>
    /// Puts a dead-lettered delivery back in the outbox for an immediate attempt, with a fresh set of attempts.
    /// Its idempotency id stays the same.
    /// </summary>
    public async Task<Result<NotificationDelivery>> RetryAsync(Guid id, string actor, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        await unit.BeginAsync(cancellationToken);
        var delivery = await unit.Outbox.FindAsync(id, cancellationToken);
        if (delivery is null)
        {
            return DeliveryErrors.NotFound();
        }

        if (delivery.State != DeliveryState.Dead)
        {
            return DeliveryErrors.NotDead();
        }

        var now = time.GetUtcNow();
        var previous = delivery.Attempts;
        delivery.State = DeliveryState.Pending;
        delivery.Attempts = 0;
        delivery.DeadAt = null;
        delivery.LeaseUntil = null;
        delivery.NextAttemptAt = now;
        unit.Audit.Append(new AuditRecord(AuditEventTypes.NotificationRetried, "ok", actor, Actors.User(delivery.UserId), null,
            new Dictionary<string, object?>
            {
                ["delivery_id"] = delivery.Id,
                ["channel"] = NotificationCatalog.WireName(delivery.Channel),
                ["previous_attempts"] = previous,
                ["last_error"] = delivery.LastError,
            }));
        await unit.CommitAsync(cancellationToken);
        signal.Signal();
        return delivery;
    }
}
