namespace Portcullis.Core.Passwords;

/// <summary>
/// Password hashing and policy settings (configuration section <c>Passwords</c>).
/// Defaults follow OWASP (Argon2id m = 19 MiB, t = 2, p = 1) and NIST SP 800-63B-4 §3.1.1.2.
/// </summary>
public sealed class PasswordOptions
{
    public const string Section = "Passwords";

    /// <summary>Argon2id memory cost in KiB. Default 19456 (19 MiB).</summary>
    public int MemoryKiB { get; set; } = 19456;

    /// <summary>Argon2id passes. Default 2.</summary>
    public int Iterations { get; set; } = 2;

    /// <summary>Minimum length for an account without a second factor. Default 15.</summary>
    public int MinLengthSingleFactor { get; set; } = 15;

    /// <summary>Minimum length for an account with a second factor. Default 8.</summary>
    public int MinLengthMultiFactor { get; set; } = 8;

    /// <summary>Maximum accepted length in characters (Unicode code points). Default 256; at least 64.</summary>
    public int MaxLength { get; set; } = 256;

    /// <summary>Hashing worker threads. Default 0: one per processor.</summary>
    public int HashingConcurrency { get; set; }

    /// <summary>Hashes allowed to wait for a worker before sign-in answers 429. Default 0: 8 per worker.</summary>
    public int HashingQueueCapacity { get; set; }

    public int EffectiveConcurrency => HashingConcurrency > 0 ? HashingConcurrency : Environment.ProcessorCount;

    public int EffectiveQueueCapacity => HashingQueueCapacity > 0 ? HashingQueueCapacity : 8 * EffectiveConcurrency;
}
