namespace Portcullis.Core.Policy;

/// <summary>
/// What the engine knows of the initiator beyond the operation: the session's proofs and age, the user's
/// factors, the account's protective state, and totals of earlier operations for capped rules.
/// </summary>
public sealed class PolicySubject
{
    /// <summary>Proofs recorded on the session, password included (none for an API key or workstation).</summary>
    public IReadOnlyList<PolicyProof> Proofs { get; init; } = [];

    /// <summary>When the session (or other credential's use) began; <c>null</c> for none.</summary>
    public DateTimeOffset? SessionStartedAt { get; init; }

    /// <summary>The session's last recorded activity, for tiers with an idle limit.</summary>
    public DateTimeOffset? SessionLastSeenAt { get; init; }

    /// <summary>The session was resumed from a remembered sign-in rather than a full one.</summary>
    public bool RememberedSignIn { get; init; }

    /// <summary>The session was opened with a recovery code and may only enrol a new factor.</summary>
    public bool RecoveredSession { get; init; }

    /// <summary>The user has an active phishing-resistant factor (a security key or passkey).</summary>
    public bool HasPhishingResistantFactor { get; init; }

    /// <summary>The user has any active second factor.</summary>
    public bool HasSecondFactor { get; init; }

    public AccountProtection Protection { get; init; } = AccountProtection.None;

    /// <summary>
    /// Totals of earlier executed operations for each cap of the compiled policy (<see cref="CapQuery.Key"/>),
    /// as fetched by the caller for the caps the compiled policy lists for the operation. Missing means zero.
    /// </summary>
    public IReadOnlyDictionary<string, decimal> Totals { get; init; } = NoTotals;

    internal static readonly IReadOnlyDictionary<string, decimal> NoTotals = new Dictionary<string, decimal>();
}
