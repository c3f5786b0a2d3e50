using Portcullis.Core.Notifications;

namespace Portcullis.Core.Persistence;

/// <summary>Notification events: written with the change that causes them, read by the in-app feed.</summary>
public interface INotificationLog
{
    /// <summary>Records an event; it is written when the unit commits, with the change that caused it.</summary>
    void Emit(NotificationEvent notification);

    /// <summary>A user's events, newest first.</summary>
    Task<IReadOnlyList<NotificationEvent>> ListForUserAsync(Guid userId, int limit, CancellationToken cancellationToken);

    /// <summary>A page of the feed, newest first: events created before <paramref name="before"/> (all if null).</summary>
    Task<IReadOnlyList<NotificationEvent>> ListFeedAsync(Guid userId, bool unreadOnly, DateTimeOffset? before, int limit,
        CancellationToken cancellationToken);

    Task<int> CountUnreadAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>One of the user's events, tracked; null when it is not theirs.</summary>
    Task<NotificationEvent?> FindAsync(Guid userId, Guid id, CancellationToken cancellationToken);

    /// <summary>Marks every unread event of the user read, at once; returns how many.</summary>
    Task<int> MarkAllReadAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The user's events in [from, to), oldest first (activity reports).</summary>
    Task<IReadOnlyList<NotificationEvent>> ListBetweenAsync(Guid userId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
