using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;

namespace Portcullis.Storage.Stores;

internal sealed class EfNotificationLog(GateDbContext db) : INotificationLog
{
    /// <summary>Whether this unit emitted an event (the unit then wakes the dispatcher after committing).</summary>
    public bool Emitted { get; set; }

    public void Emit(NotificationEvent notification)
    {
        db.NotificationEvents.Add(notification);
        Emitted = true;
    }

    public async Task<IReadOnlyList<NotificationEvent>> ListForUserAsync(Guid userId, int limit, CancellationToken cancellationToken) =>
        await db.NotificationEvents.AsNoTracking().Where(n => n.UserId == userId)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(limit).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<NotificationEvent>> ListFeedAsync(Guid userId, bool unreadOnly, DateTimeOffset? before, int limit,
        CancellationToken cancellationToken)
    {
        var query = db.NotificationEvents.AsNoTracking().Where(n => n.UserId == userId);
        if (unreadOnly)
        {
            query = query.Where(n => n.ReadAt == null);
        }

        if (before is { } b)
        {
            query = query.Where(n => n.CreatedAt < b);
        }

        return await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(limit).ToListAsync(cancellationToken);
    }

    public Task<int> CountUnreadAsync(Guid userId, CancellationToken cancellationToken) =>
        db.NotificationEvents.CountAsync(n => n.UserId == userId && n.ReadAt == null, cancellationToken);

    public Task<NotificationEvent?> FindAsync(Guid userId, Guid id, CancellationToken cancellationToken) =>
        db.NotificationEvents.FirstOrDefaultAsync(n => n.Id == id && n.UserId == userId, cancellationToken);

    public Task<int> MarkAllReadAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.NotificationEvents.Where(n => n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, now), cancellationToken);

    public async Task<IReadOnlyList<NotificationEvent>> ListBetweenAsync(Guid userId, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken) =>
        await db.NotificationEvents.AsNoTracking().Where(n => n.UserId == userId && n.CreatedAt >= from && n.CreatedAt < to)
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).ToListAsync(cancellationToken);
}
