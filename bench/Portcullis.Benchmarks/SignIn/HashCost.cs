namespace Portcullis.Benchmarks.SignIn;

/// <summary>The Argon2id cost a sign-in benchmark runs with.</summary>
public enum HashCost
{
    /// <summary>The gate's default: m = 19 MiB, t = 2.</summary>
    Default,

    /// <summary>m = 1 MiB, t = 1, far below what the gate accepts: nearly free, so the rest of a sign-in shows.</summary>
    Minimal,
}
