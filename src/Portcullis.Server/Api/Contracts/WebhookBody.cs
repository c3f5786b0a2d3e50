namespace Portcullis.Server.Api.Contracts;

/// <summary>A new webhook endpoint: its URL, an optional description, optional event types (all when left out).</summary>
public sealed record WebhookBody(string? Url, string? Description, IReadOnlyList<string?>? EventTypes);
