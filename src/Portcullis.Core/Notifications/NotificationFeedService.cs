using Portcullis.Core.Persistence;
using Portcullis.Core.Results;

namespace Portcullis.Core.Notifications;

/// <summary>
/// The in-app feed: every event of the user, newest first, paged by time (<c>before</c> = the last item's
/// <see cref="NotificationEvent.CreatedAt"/>), with read and unread marks. Reading is not a security change and is
/// not audited.
/// </summary>
public sealed class NotificationFeedService(IGateStore store, TimeProvider time)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    /// <summary>Above this, a run of events with one timestamp is returned whole even past the page size.</summary>
    private const int MaxSameInstant = 1000;

    /// <summary>
    /// A page of at most <paramref name="limit"/> events created before <paramref name="before"/>. The page never ends
    /// in the middle of a run of events with the same timestamp (one change can emit several at once): the cursor
    /// is a time, so the next page starts strictly before it.
    /// </summary>
    public async Task<NotificationFeedPage> ListAsync(Guid userId, bool unreadOnly, DateTimeOffset? before, int limit,
        CancellationToken cancellationToken)
    {
        limit = Math.Clamp(limit, 1, MaxLimit);
        await using var unit = await store.OpenAsync(cancellationToken);
        var rows = await unit.Notifications.ListFeedAsync(userId, unreadOnly, before, limit + 1, cancellationToken);
        var unread = await unit.Notifications.CountUnreadAsync(userId, cancellationToken);
        if (rows.Count <= limit)
        {
            return new NotificationFeedPage(rows, unread, null);
        }

        // More than a page: cut before the run that straddles the page's end.
        var boundary = rows[limit].CreatedAt;
        var page = rows.Take(limit).Where(r => r.CreatedAt != boundary).ToList();
        if (page.Count == 0)
        {
            // The whole page is one instant: return that instant whole.
            var run = await unit.Notifications.ListFeedAsync(userId, unreadOnly, boundary.AddTicks(10), MaxSameInstant, cancellationToken);
            page = run.Where(r => r.CreatedAt == boundary).ToList();
        }

        return new NotificationFeedPage(page, unread, page[^1].CreatedAt);
    }

    public async Task<int> CountUnreadAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        return await unit.Notifications.CountUnreadAsync(userId, cancellationToken);
    }

    /// <summary>Marks one of the user's events read (idempotent); not found when it is not theirs.</summary>
    public async Task<Result<NotificationEvent>> MarkReadAsync(Guid userId, Guid eventId, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        var notification = await unit.Notifications.FindAsync(userId, eventId, cancellationToken);
        if (notification is null)
        {
            return NotificationErrors.NotFound();
        }

        if (notification.ReadAt is null)
        {
            notification.ReadAt = time.GetUtcNow();
            await unit.CommitAsync(cancellationToken);
        }

        return notification;
    }

    /// <summary>Marks every unread event of the user read; returns how many.</summary>
    public async Task<int> MarkAllReadAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        return await unit.Notifications.MarkAllReadAsync(userId, time.GetUtcNow(), cancellationToken);
    }
}
