namespace Portcullis.Server.Api.Contracts;

/// <summary>A webhook endpoint with its signing secret (<c>whsec_…</c>), shown this once.</summary>
public sealed record WebhookCreatedResponse(WebhookView Webhook, string Secret);
