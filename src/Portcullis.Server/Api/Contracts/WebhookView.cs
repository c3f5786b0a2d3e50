using Portcullis.Core.Notifications;

namespace Portcullis.Server.Api.Contracts;

/// <summary>A webhook endpoint as its owner sees it: never its secret. <c>event_types</c> is absent when it receives all.</summary>
public sealed record WebhookView(Guid Id, string Url, string? Description, IReadOnlyList<string>? EventTypes, DateTimeOffset CreatedAt)
{
    public static WebhookView From(WebhookEndpoint w) => new(
        w.Id,
        w.Url,
        w.Description,
        w.EventTypes?.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        w.CreatedAt);
}
