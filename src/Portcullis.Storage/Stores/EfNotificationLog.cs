using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;

namespace Portcullis.Storage.Stores;

internal sealed class EfNotificationLog(GateDbContext db) : INotificationLog
{
    public void Emit(NotificationEvent notification) => db.NotificationEvents.Add(notification);

    public async Task<IReadOnlyList<NotificationEvent>> ListForUserAsync(Guid userId, int limit, CancellationToken cancellationToken) =>
        await db.NotificationEvents.AsNoTracking().Where(n => n.UserId == userId)
            .OrderByDescending(n => n.CreatedAt).Take(limit).ToListAsync(cancellationToken);
}
