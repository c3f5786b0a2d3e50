namespace Portcullis.Core.Policy;

/// <summary>
/// A tier of a policy: what a session must show for the operations a rule sends to it. Every limit is optional;
/// <c>docs/policy.md</c> describes each field.
/// </summary>
public sealed class PolicyTier
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>Acceptable proof classes; empty: any authenticated session will do.</summary>
    public required IReadOnlyList<ProofClass> Proofs { get; init; }

    /// <summary>How old the newest acceptable proof may be. The elevation it gives expires after this.</summary>
    public TimeSpan? MaxAge { get; init; }

    /// <summary>Inactivity after which the tier asks for a new proof.</summary>
    public TimeSpan? Idle { get; init; }

    /// <summary>Session age after which the tier refuses: sign in again.</summary>
    public TimeSpan? Absolute { get; init; }

    public bool TrustedDevice { get; init; }

    /// <summary>Require the client address in the account's trusted networks, where the account lists any.</summary>
    public bool TrustedNetwork { get; init; }

    /// <summary>Whether a session resumed from a remembered sign-in will do.</summary>
    public bool RememberedSignIn { get; init; } = true;

    public UnattendedAction Unattended { get; init; }
}
