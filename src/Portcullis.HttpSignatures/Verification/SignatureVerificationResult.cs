using Portcullis.HttpSignatures.Algorithms;
using Portcullis.HttpSignatures.Components;
using Portcullis.HttpSignatures.StructuredFields;

namespace Portcullis.HttpSignatures.Verification;

/// <summary>
/// The outcome of verifying one signature. On failure <see cref="Error"/> carries a stable code from
/// <see cref="HttpSignatureErrors"/>; whatever was parsed before the failure (label, keyid, nonce) is kept for
/// the audit log. On success the gate checks <see cref="Nonce"/> and <see cref="Created"/> against its replay store.
/// </summary>
public sealed class SignatureVerificationResult
{
    public SignatureError? Error { get; init; }

    public bool IsSuccess => Error is null;

    /// <summary>The failure code, or null on success.</summary>
    public string? Code => Error?.Code;

    public string? Label { get; init; }

    public IReadOnlyList<ComponentIdentifier> CoveredComponents { get; init; } = [];

    /// <summary>All signature parameters as received, including unknown extension parameters.</summary>
    public SfParameters Parameters { get; init; } = SfParameters.Empty;

    public DateTimeOffset? Created { get; init; }

    public DateTimeOffset? Expires { get; init; }

    public string? KeyId { get; init; }

    /// <summary>The algorithm used: the key's (equal to <c>alg</c> when that was sent).</summary>
    public string? Algorithm { get; init; }

    public string? Nonce { get; init; }

    public string? Tag { get; init; }

    /// <summary>The key that verified the signature (owned by the resolver).</summary>
    public HttpSignatureKey? Key { get; init; }

    /// <summary>The signature base that was verified (for diagnostics; never log it with secrets).</summary>
    public string? SignatureBase { get; init; }

    /// <summary>Whether the signature covers <paramref name="component"/>.</summary>
    public bool Covers(ComponentIdentifier component) => CoveredComponents.Contains(component);
}
