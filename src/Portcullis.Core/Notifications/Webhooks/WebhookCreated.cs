namespace Portcullis.Core.Notifications.Webhooks;

/// <summary>An endpoint just added (or whose secret was just rotated) and its signing secret, shown this once.</summary>
/// <param name="Endpoint">The stored endpoint (its secret encrypted).</param>
/// <param name="Secret">The signing secret, <c>whsec_</c> + base64 of the key: never shown again.</param>
public sealed record WebhookCreated(WebhookEndpoint Endpoint, string Secret);
