using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;

namespace Portcullis.Storage.Stores;

internal sealed class EfOutboxStore(GateDbContext db) : IOutboxStore
{
    public async Task<IReadOnlyList<NotificationEvent>> ListUnfannedAsync(int limit, CancellationToken cancellationToken) =>
        await db.NotificationEvents.AsNoTracking().Where(n => n.FannedOutAt == null)
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).Take(limit).ToListAsync(cancellationToken);

    public Task<NotificationEvent?> FindEventAsync(Guid id, CancellationToken cancellationToken) =>
        db.NotificationEvents.FirstOrDefaultAsync(n => n.Id == id, cancellationToken);

    public void Add(NotificationDelivery delivery) => db.NotificationDeliveries.Add(delivery);

    public async Task<IReadOnlyList<Guid>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        await db.NotificationDeliveries.AsNoTracking()
            .Where(d => d.State == DeliveryState.Pending && d.NextAttemptAt <= now && (d.LeaseUntil == null || d.LeaseUntil < now))
            .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id).Select(d => d.Id).Take(limit).ToListAsync(cancellationToken);

    public async Task<bool> TryClaimEventAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.NotificationEvents.Where(n => n.Id == id && n.FannedOutAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.FannedOutAt, now), cancellationToken) == 1;

    public async Task<bool> TryLeaseAsync(Guid id, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        await db.NotificationDeliveries
            .Where(d => d.Id == id && d.State == DeliveryState.Pending && d.NextAttemptAt <= now && (d.LeaseUntil == null || d.LeaseUntil < now))
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.LeaseUntil, leaseUntil), cancellationToken) == 1;

    public Task<NotificationDelivery?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.NotificationDeliveries.FirstOrDefaultAsync(d => d.Id == id, cancellationToken);

    public async Task<IReadOnlyList<NotificationDelivery>> ListAsync(DeliveryState? state, Guid? userId, int limit,
        CancellationToken cancellationToken)
    {
        var query = db.NotificationDeliveries.AsNoTracking();
        if (state is { } s)
        {
            query = query.Where(d => d.State == s);
        }

        if (userId is { } u)
        {
            query = query.Where(d => d.UserId == u);
        }

        return await query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(limit).ToListAsync(cancellationToken);
    }
}
