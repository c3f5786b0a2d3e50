namespace Portcullis.Core.Notifications;

/// <summary>
/// The one-click "this wasn't me" link in a security email: a random token (only its SHA-256 stored) that
/// can do exactly one thing, ask for the account's risky capabilities to be frozen.
/// </summary>
public sealed class FreezeLink
{
    public required Guid Id { get; init; }

    public required Guid UserId { get; init; }

    /// <summary>The event whose email carried the link.</summary>
    public required Guid EventId { get; init; }

    public required byte[] TokenHash { get; init; }

    /// <summary>The token itself, encrypted (purpose <c>freeze-link</c>), so that every retry of the email carries the same link.</summary>
    public required byte[] TokenCiphertext { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? UsedAt { get; set; }

    public string? UsedFromIp { get; set; }
}
