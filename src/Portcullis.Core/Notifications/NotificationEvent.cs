namespace Portcullis.Core.Notifications;

/// <summary>
/// Something the account holder must hear about (a new device, a factor bound or removed, a denied push).
/// Written in the same transaction as the change that causes it; delivery channels read them from here.
/// </summary>
public sealed class NotificationEvent
{
    public required Guid Id { get; init; }

    public required Guid UserId { get; init; }

    /// <summary>A stable type from <see cref="NotificationTypes"/>.</summary>
    public required string Type { get; init; }

    public required NotificationSeverity Severity { get; init; }

    /// <summary>A sentence for people, without secrets.</summary>
    public required string Summary { get; init; }

    /// <summary>A JSON object with details.</summary>
    public required string Data { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the user marked it read in the in-app feed.</summary>
    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>
    /// When the dispatcher turned it into deliveries (one per channel and address). Null while it waits in the
    /// outbox: it was committed with the change that caused it and nothing has been sent yet.
    /// </summary>
    public DateTimeOffset? FannedOutAt { get; set; }
}
