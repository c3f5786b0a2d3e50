using Portcullis.Core.Policy;

namespace Portcullis.Core.Holds;

/// <summary>
/// An operation the policy held for approval: what to run (<see cref="Operation"/> and its arguments in
/// <see cref="PayloadJson"/>, never a secret), who asked, and where it stands. It runs at most once, when a device of
/// the user approves it with <see cref="Number"/>.
/// </summary>
public sealed class HeldOperation
{
    public required Guid Id { get; init; }

    public required Guid UserId { get; init; }

    /// <summary>The operation's catalogue name, e.g. <c>notification_contact.add</c>.</summary>
    public required string Operation { get; init; }

    public required InitiatorKind InitiatorKind { get; init; }

    /// <summary>Who asked, as an audit actor: <c>session:&lt;id&gt;</c>, an API key or a workstation.</summary>
    public required string InitiatorRef { get; init; }

    /// <summary>The operation's arguments as JSON, for its executor. Never a secret.</summary>
    public required string PayloadJson { get; init; }

    /// <summary>What is being approved, in words, as the authenticator shows it.</summary>
    public required string Summary { get; init; }

    /// <summary>The policy rule that held it.</summary>
    public string? Rule { get; init; }

    public string? Tier { get; init; }

    /// <summary>The client address of the request that was held.</summary>
    public string? SourceIp { get; init; }

    /// <summary>The request's amount and notional, which count against the policy's caps once it runs.</summary>
    public decimal? Amount { get; init; }

    public decimal? Notional { get; init; }

    /// <summary>The two-digit number the initiator shows; the approver must pick it on the device.</summary>
    public required int Number { get; init; }

    public HeldOperationStatus Status { get; set; } = HeldOperationStatus.Pending;

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>When it was approved, denied, cancelled or found expired.</summary>
    public DateTimeOffset? DecidedAt { get; set; }

    public DateTimeOffset? ExecutedAt { get; set; }

    /// <summary>The push challenge whose answer decided it (one challenge is sent to each authenticator).</summary>
    public Guid? PushChallengeId { get; set; }

    /// <summary>The executor's result as JSON (e.g. the id of what was created).</summary>
    public string? ResultJson { get; set; }

    /// <summary>Why it failed or was cancelled, as a stable code (e.g. <c>notification.contact_exists</c>, <c>push.wrong_number</c>).</summary>
    public string? ErrorCode { get; set; }

    /// <summary>Still waiting at <paramref name="now"/>: pending and not expired.</summary>
    public bool IsPendingAt(DateTimeOffset now) => Status == HeldOperationStatus.Pending && now < ExpiresAt;
}
