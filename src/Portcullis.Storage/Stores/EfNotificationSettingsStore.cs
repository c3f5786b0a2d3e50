using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;
using Portcullis.Core.Users;

namespace Portcullis.Storage.Stores;

internal sealed class EfNotificationSettingsStore(GateDbContext db) : INotificationSettingsStore
{
    public async Task<IReadOnlyList<NotificationContact>> ListContactsAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.NotificationContacts.Where(c => c.UserId == userId).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(cancellationToken);

    public Task<NotificationContact?> FindContactAsync(Guid userId, Guid id, CancellationToken cancellationToken) =>
        db.NotificationContacts.FirstOrDefaultAsync(c => c.Id == id && c.UserId == userId, cancellationToken);

    public void AddContact(NotificationContact contact) => db.NotificationContacts.Add(contact);

    public void RemoveContact(NotificationContact contact) => db.NotificationContacts.Remove(contact);

    public async Task<IReadOnlyList<NotificationPreference>> ListPreferencesAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.NotificationPreferences.Where(p => p.UserId == userId).ToListAsync(cancellationToken);

    public void AddPreference(NotificationPreference preference) => db.NotificationPreferences.Add(preference);

    public void RemovePreference(NotificationPreference preference) => db.NotificationPreferences.Remove(preference);

    public async Task<IReadOnlyList<WebhookEndpoint>> ListWebhooksAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.WebhookEndpoints.Where(w => w.UserId == userId).OrderBy(w => w.CreatedAt).ThenBy(w => w.Id).ToListAsync(cancellationToken);

    public Task<WebhookEndpoint?> FindWebhookAsync(Guid? userId, Guid id, CancellationToken cancellationToken) =>
        userId is { } u
            ? db.WebhookEndpoints.FirstOrDefaultAsync(w => w.Id == id && w.UserId == u, cancellationToken)
            : db.WebhookEndpoints.FirstOrDefaultAsync(w => w.Id == id, cancellationToken);

    public void AddWebhook(WebhookEndpoint endpoint) => db.WebhookEndpoints.Add(endpoint);

    public void AddFreezeLink(FreezeLink link) => db.FreezeLinks.Add(link);

    public Task<FreezeLink?> FindFreezeLinkForEventAsync(Guid eventId, CancellationToken cancellationToken) =>
        db.FreezeLinks.AsNoTracking().FirstOrDefaultAsync(l => l.EventId == eventId, cancellationToken);

    public async Task<bool> TryUseFreezeLinkAsync(Guid id, DateTimeOffset now, string? ip, CancellationToken cancellationToken) =>
        await db.FreezeLinks.Where(l => l.Id == id && l.UsedAt == null && l.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.UsedAt, now).SetProperty(l => l.UsedFromIp, ip), cancellationToken) == 1;

    public Task<FreezeLink?> FindFreezeLinkAsync(byte[] tokenHash, CancellationToken cancellationToken) =>
        db.FreezeLinks.FirstOrDefaultAsync(l => l.TokenHash == tokenHash, cancellationToken);

    public async Task<IReadOnlyList<Guid>> ListUsersWithReportsAsync(CancellationToken cancellationToken) =>
        await db.Users.Where(u => u.Status == UserStatus.Active && u.ReportFrequency != ReportFrequency.Off)
            .OrderBy(u => u.Id).Select(u => u.Id).ToListAsync(cancellationToken);
}
