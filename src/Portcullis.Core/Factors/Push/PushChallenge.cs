namespace Portcullis.Core.Factors.Push;

/// <summary>
/// A request sent to an authenticator device: approve this sign-in (or held operation) by picking the
/// number shown on the other screen among <see cref="Choices"/>, and signing the answer with the device key.
/// </summary>
public sealed class PushChallenge
{
    public required Guid Id { get; init; }

    public required Guid UserId { get; init; }

    /// <summary>The push factor (and so the device key) that must answer.</summary>
    public required Guid FactorId { get; init; }

    public required Guid DeviceId { get; init; }

    /// <summary>The sign-in flow waiting for it, if any.</summary>
    public Guid? FlowId { get; init; }

    /// <summary>The held operation waiting for it, if any (<c>Portcullis.Core.Holds</c>).</summary>
    public Guid? HeldOperationId { get; init; }

    /// <summary>The two-digit number shown to the person signing in.</summary>
    public required int Number { get; init; }

    /// <summary>Three distinct two-digit numbers, one of them <see cref="Number"/>, comma-separated.</summary>
    public required string Choices { get; init; }

    /// <summary>Random bytes the approval signature covers, so an approval cannot be replayed.</summary>
    public required byte[] Nonce { get; init; }

    /// <summary>What is being approved, shown on the device, e.g. "Sign in to Portcullis".</summary>
    public required string Summary { get; init; }

    public string? RequestIp { get; init; }

    /// <summary>The requesting device, e.g. "Chrome on Linux".</summary>
    public string? RequestDevice { get; init; }

    /// <summary>Where the request came from, in words.</summary>
    public string? Location { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public PushChallengeStatus Status { get; set; } = PushChallengeStatus.Pending;

    public DateTimeOffset? AnsweredAt { get; set; }

    public bool IsPendingAt(DateTimeOffset now) => Status == PushChallengeStatus.Pending && now < ExpiresAt;
}
