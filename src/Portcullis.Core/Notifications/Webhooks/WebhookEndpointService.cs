using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Portcullis.Core.Audit;
using Portcullis.Core.Persistence;
using Portcullis.Core.Results;
using Portcullis.Core.Secrets;

namespace Portcullis.Core.Notifications.Webhooks;

/// <summary>
/// A user's webhook endpoints. Each has its own signing key (32 random bytes), returned once as <c>whsec_…</c> and
/// kept encrypted (purpose <see cref="StandardWebhookSigner.SecretPurpose"/>) because signing needs it back. Removing
/// an endpoint disables it and keeps the row, which the outbox's deliveries refer to. Adding and removing are
/// security changes: audited and announced (<see cref="NotificationTypes.WebhookAdded"/>, <see cref="NotificationTypes.WebhookRemoved"/>).
/// </summary>
public sealed class WebhookEndpointService(IGateStore store, ISecretProtector protector, IOptions<NotificationOptions> options, TimeProvider time)
{
    public const int MaxDescriptionLength = 128;
    public const int MaxEventTypesLength = 2048;

    /// <summary>The user's endpoints that are not removed, oldest first.</summary>
    public async Task<IReadOnlyList<WebhookEndpoint>> ListAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        return (await unit.NotificationSettings.ListWebhooksAsync(userId, cancellationToken)).Where(w => w.DisabledAt is null).ToList();
    }

    /// <summary>Adds an endpoint for all event types (<paramref name="eventTypes"/> null) or the listed ones.</summary>
    public async Task<Result<WebhookCreated>> AddAsync(Guid userId, string? url, string? description, IReadOnlyList<string?>? eventTypes,
        string? ip, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var (uri, problem) = WebhookUrls.Check(url, settings.Webhooks.AllowPrivateNetworks);
        if (uri is null)
        {
            return NotificationErrors.WebhookInvalid("url", problem!);
        }

        string? cleanDescription = null;
        if (description is not null)
        {
            cleanDescription = NotificationSettingsService.Clean(description, MaxDescriptionLength);
            if (cleanDescription is null)
            {
                return NotificationErrors.WebhookInvalid("description", $"1–{MaxDescriptionLength} characters.");
            }
        }

        var types = ParseEventTypes(eventTypes);
        if (!types.IsSuccess)
        {
            return types.Error;
        }

        var now = time.GetUtcNow();
        await using var unit = await store.OpenAsync(cancellationToken);
        await unit.BeginAsync(cancellationToken); // the limit check must not interleave with another add
        var active = (await unit.NotificationSettings.ListWebhooksAsync(userId, cancellationToken)).Count(w => w.DisabledAt is null);
        var max = Math.Max(1, settings.MaxWebhooks);
        if (active >= max)
        {
            return NotificationErrors.WebhookLimit(max);
        }

        var key = StandardWebhookSigner.NewKey();
        var endpoint = new WebhookEndpoint
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Url = uri.AbsoluteUri,
            Description = cleanDescription,
            SecretCiphertext = protector.Protect(key, StandardWebhookSigner.SecretPurpose),
            EventTypes = types.Value,
            CreatedAt = now,
        };
        var secret = StandardWebhookSigner.FormatSecret(key);
        CryptographicOperations.ZeroMemory(key);
        unit.NotificationSettings.AddWebhook(endpoint);
        var data = Data(endpoint);
        unit.Audit.Append(new AuditRecord(AuditEventTypes.NotificationWebhookAdded, "ok", Actors.User(userId), Actors.User(userId), ip, data));
        Notify.Emit(unit, userId, NotificationTypes.WebhookAdded, NotificationSeverity.Critical,
            $"A webhook endpoint was added to your account: {WebhookUrls.Display(endpoint.Url)}.", data, now);
        await unit.CommitAsync(cancellationToken);
        return new WebhookCreated(endpoint, secret);
    }

    /// <summary>Removes (disables) an endpoint: nothing more is sent to it; deliveries already queued give up.</summary>
    public async Task<Result> RemoveAsync(Guid userId, Guid webhookId, string? ip, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var unit = await store.OpenAsync(cancellationToken);
        var endpoint = await unit.NotificationSettings.FindWebhookAsync(userId, webhookId, cancellationToken);
        if (endpoint is null || endpoint.DisabledAt is not null)
        {
            return NotificationErrors.NotFound();
        }

        endpoint.DisabledAt = now;
        var data = Data(endpoint);
        unit.Audit.Append(new AuditRecord(AuditEventTypes.NotificationWebhookRemoved, "ok", Actors.User(userId), Actors.User(userId), ip, data));
        Notify.Emit(unit, userId, NotificationTypes.WebhookRemoved, NotificationSeverity.Critical,
            $"A webhook endpoint was removed from your account: {WebhookUrls.Display(endpoint.Url)}.", data, now);
        await unit.CommitAsync(cancellationToken);
        return Result.Success();
    }

    /// <summary>Gives an endpoint a new signing key at once (the old one stops working); the new secret is shown once.</summary>
    public async Task<Result<WebhookCreated>> RotateSecretAsync(Guid userId, Guid webhookId, string? ip, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        var endpoint = await unit.NotificationSettings.FindWebhookAsync(userId, webhookId, cancellationToken);
        if (endpoint is null || endpoint.DisabledAt is not null)
        {
            return NotificationErrors.NotFound();
        }

        var key = StandardWebhookSigner.NewKey();
        endpoint.SecretCiphertext = protector.Protect(key, StandardWebhookSigner.SecretPurpose);
        var secret = StandardWebhookSigner.FormatSecret(key);
        CryptographicOperations.ZeroMemory(key);
        unit.Audit.Append(new AuditRecord(AuditEventTypes.NotificationWebhookSecretRotated, "ok", Actors.User(userId), Actors.User(userId), ip,
            Data(endpoint)));
        await unit.CommitAsync(cancellationToken);
        return new WebhookCreated(endpoint, secret);
    }

    /// <summary>The event types as stored: null for all, else the known types, space-separated, without duplicates.</summary>
    public static Result<string?> ParseEventTypes(IReadOnlyList<string?>? eventTypes)
    {
        if (eventTypes is null)
        {
            return Result<string?>.Success(null);
        }

        if (eventTypes.Count == 0)
        {
            return NotificationErrors.WebhookInvalid("event_types", "List at least one event type, or leave it out for all.");
        }

        var unknown = eventTypes.Where(t => t is null || !NotificationCatalog.IsKnown(t)).ToList();
        if (unknown.Count > 0)
        {
            return NotificationErrors.WebhookInvalid("event_types", "Unknown event type: " + string.Join(", ", unknown.Take(5).Select(t => t is null ? "null" : t[..Math.Min(t.Length, 64)])));
        }

        var joined = string.Join(' ', eventTypes.Distinct(StringComparer.Ordinal));
        return joined.Length > MaxEventTypesLength
            ? NotificationErrors.WebhookInvalid("event_types", "Too many event types.")
            : Result<string?>.Success(joined);
    }

    private static Dictionary<string, object?> Data(WebhookEndpoint endpoint) => new()
    {
        ["webhook_id"] = endpoint.Id,
        ["url"] = WebhookUrls.Display(endpoint.Url),
        ["event_types"] = endpoint.EventTypes,
    };
}
