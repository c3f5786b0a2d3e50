using Portcullis.Core.Notifications;

namespace Portcullis.Core.Persistence;

public interface INotificationLog
{
    /// <summary>Records an event; it is written when the unit commits, with the change that caused it.</summary>
    void Emit(NotificationEvent notification);

    /// <summary>A user's events, newest first.</summary>
    Task<IReadOnlyList<NotificationEvent>> ListForUserAsync(Guid userId, int limit, CancellationToken cancellationToken);
}
