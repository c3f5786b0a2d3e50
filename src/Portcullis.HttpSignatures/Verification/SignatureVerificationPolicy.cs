using Portcullis.HttpSignatures.Algorithms;
using Portcullis.HttpSignatures.Components;

namespace Portcullis.HttpSignatures.Verification;

/// <summary>
/// What a verifier demands beyond a valid signature (RFC 9421 §3.2.1, §7.2.1). Defaults follow Portcullis
/// issue 7. <see cref="Validate"/> reports every problem at once; the verifier refuses an invalid policy.
/// </summary>
public sealed record SignatureVerificationPolicy
{
    /// <summary>The largest window either side of now that a policy may allow.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromSeconds(60);

    /// <summary>The label to verify; null (default) means "the only signature in the message".</summary>
    public string? Label { get; init; }

    /// <summary>Components every signature must cover. Default: <c>@method</c>, <c>@target-uri</c>.</summary>
    public IReadOnlyList<ComponentIdentifier> RequiredComponents { get; init; } = [ComponentIdentifier.Method, ComponentIdentifier.TargetUri];

    /// <summary>When the message has a non-empty body, <c>content-digest</c> must be covered. Default: true.</summary>
    public bool RequireContentDigestWithBody { get; init; } = true;

    /// <summary>Parameters every signature must carry. Default: created, keyid, nonce, alg.</summary>
    public IReadOnlySet<string> RequiredParameters { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "created", "keyid", "nonce", "alg" };

    /// <summary>How far <c>created</c> may be ahead of now (clock skew). Default 5 s, at most 60 s.</summary>
    public TimeSpan MaxCreatedAhead { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How far <c>created</c> may be behind now. Default 5 s, at most 60 s.</summary>
    public TimeSpan MaxCreatedBehind { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Algorithms accepted. Default: ed25519, ecdsa-p256-sha256, hmac-sha256.</summary>
    public IReadOnlySet<string> AllowedAlgorithms { get; init; } = new HashSet<string>(StringComparer.Ordinal)
    {
        SignatureAlgorithms.Ed25519, SignatureAlgorithms.EcdsaP256Sha256, SignatureAlgorithms.HmacSha256,
    };

    /// <summary>Every problem, each naming the property and showing the bad value; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxCreatedAhead < TimeSpan.Zero || MaxCreatedAhead > MaxWindow)
        {
            problems.Add($"{nameof(MaxCreatedAhead)}: {MaxCreatedAhead} is outside 0–60 s.");
        }

        if (MaxCreatedBehind < TimeSpan.Zero || MaxCreatedBehind > MaxWindow)
        {
            problems.Add($"{nameof(MaxCreatedBehind)}: {MaxCreatedBehind} is outside 0–60 s.");
        }

        if (AllowedAlgorithms.Count == 0)
        {
            problems.Add($"{nameof(AllowedAlgorithms)}: empty; no signature could verify.");
        }

        if (Label is not null && !StructuredFields.SfGrammar.IsKey(Label))
        {
            problems.Add($"{nameof(Label)}: '{Label}' is not a valid dictionary key.");
        }

        return problems;
    }
}
