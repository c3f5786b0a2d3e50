namespace Portcullis.Core.Factors;

/// <summary>
/// Short-lived state of an enrolment step: WebAuthn creation options, an SMS confirmation code's hash, or
/// an authenticator enrolment code's hash (<see cref="LookupHash"/>, so the code can find its row).
/// </summary>
public sealed class PendingChallenge
{
    public required Guid Id { get; init; }

    public required Guid UserId { get; init; }

    public Guid? SessionId { get; init; }

    public required PendingChallengePurpose Purpose { get; init; }

    /// <summary>SHA-256 of a high-entropy code the client presents to find this row; unique.</summary>
    public byte[]? LookupHash { get; init; }

    /// <summary>Purpose-specific data (WebAuthn options JSON, a code hash, a chosen name).</summary>
    public string? Data { get; set; }

    public Guid? FactorId { get; init; }

    public int Attempts { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? ConsumedAt { get; set; }

    public bool IsOpenAt(DateTimeOffset now) => ConsumedAt is null && now < ExpiresAt;
}
