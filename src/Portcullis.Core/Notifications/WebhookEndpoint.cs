namespace Portcullis.Core.Notifications;

/// <summary>
/// A URL that receives a user's notifications as Standard Webhooks: each request signed with the endpoint's
/// own secret (<c>whsec_…</c>, kept encrypted with the gate's key ring because signing needs it back).
/// </summary>
public sealed class WebhookEndpoint
{
    public required Guid Id { get; init; }

    public required Guid UserId { get; init; }

    public required string Url { get; init; }

    public string? Description { get; set; }

    /// <summary>The signing secret's key bytes, encrypted (purpose <c>webhook-secret</c>).</summary>
    public required byte[] SecretCiphertext { get; set; }

    /// <summary>Space-separated event types this endpoint wants; null for all.</summary>
    public string? EventTypes { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? DisabledAt { get; set; }

    public bool Wants(string type) =>
        DisabledAt is null && (EventTypes is null || EventTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(type));
}
