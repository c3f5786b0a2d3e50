namespace Portcullis.Core.Factors.RecoveryCodes;

/// <summary>
/// One single-use recovery code. The first group of the code (<see cref="Lookup"/>) finds the row; the whole
/// code is checked against an Argon2id hash, as NIST SP 800-63B-4 §3.1.2 asks of look-up secrets.
/// </summary>
public sealed class RecoveryCode
{
    public required Guid Id { get; init; }

    public required Guid UserId { get; init; }

    /// <summary>The code's first group, not secret on its own.</summary>
    public required string Lookup { get; init; }

    /// <summary>Argon2id PHC hash of the whole code.</summary>
    public required string Hash { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was used, or when a regeneration invalidated it.</summary>
    public DateTimeOffset? UsedAt { get; set; }
}
