using Portcullis.Core.Notifications;

namespace Portcullis.Core.Persistence;

/// <summary>Where a user's notifications go: addresses, per-type choices, webhook endpoints, freeze links.</summary>
public interface INotificationSettingsStore
{
    Task<IReadOnlyList<NotificationContact>> ListContactsAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>One of the user's contacts, tracked; null when it is not theirs.</summary>
    Task<NotificationContact?> FindContactAsync(Guid userId, Guid id, CancellationToken cancellationToken);

    void AddContact(NotificationContact contact);

    void RemoveContact(NotificationContact contact);

    /// <summary>The user's stored choices (only those that differ from the defaults), tracked.</summary>
    Task<IReadOnlyList<NotificationPreference>> ListPreferencesAsync(Guid userId, CancellationToken cancellationToken);

    void AddPreference(NotificationPreference preference);

    void RemovePreference(NotificationPreference preference);

    Task<IReadOnlyList<WebhookEndpoint>> ListWebhooksAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>An endpoint by id, tracked; <paramref name="userId"/> null for any user's (the dispatcher).</summary>
    Task<WebhookEndpoint?> FindWebhookAsync(Guid? userId, Guid id, CancellationToken cancellationToken);

    void AddWebhook(WebhookEndpoint endpoint);

    void AddFreezeLink(FreezeLink link);

    /// <summary>The freeze link made for an event's emails, if any.</summary>
    Task<FreezeLink?> FindFreezeLinkForEventAsync(Guid eventId, CancellationToken cancellationToken);

    /// <summary>
    /// Marks a freeze link used if it is still unused and unexpired, atomically (a conditional update): of two
    /// clicks at once, on any number of nodes, exactly one gets true.
    /// </summary>
    Task<bool> TryUseFreezeLinkAsync(Guid id, DateTimeOffset now, string? ip, CancellationToken cancellationToken);

    /// <summary>A freeze link by the SHA-256 of its token, tracked.</summary>
    Task<FreezeLink?> FindFreezeLinkAsync(byte[] tokenHash, CancellationToken cancellationToken);

    /// <summary>Active users who asked for activity reports by email (frequency not off).</summary>
    Task<IReadOnlyList<Guid>> ListUsersWithReportsAsync(CancellationToken cancellationToken);
}
