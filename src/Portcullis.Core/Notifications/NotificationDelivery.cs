namespace Portcullis.Core.Notifications;

/// <summary>
/// One event on its way to one address over one channel: the outbox row the dispatcher works through.
/// <see cref="Id"/> is the idempotency id every attempt carries (the email's <c>Message-ID</c>, the webhook's
/// <c>webhook-id</c>), so that a receiver can drop the rare second copy after a crash between sending and
/// recording the result.
/// </summary>
public sealed class NotificationDelivery
{
    public required Guid Id { get; init; }

    public required Guid EventId { get; init; }

    public required Guid UserId { get; init; }

    public required NotificationChannel Channel { get; init; }

    /// <summary>The contact or webhook endpoint it goes to.</summary>
    public required Guid TargetId { get; init; }

    /// <summary>The address or URL at fan-out time, for operators (webhook URLs without their query).</summary>
    public required string TargetDisplay { get; init; }

    public DeliveryState State { get; set; } = DeliveryState.Pending;

    public int Attempts { get; set; }

    public required DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>Set while a dispatcher holds it; another node may take it over once this has passed.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>Why the last attempt failed, without secrets.</summary>
    public string? LastError { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public DateTimeOffset? DeadAt { get; set; }
}
