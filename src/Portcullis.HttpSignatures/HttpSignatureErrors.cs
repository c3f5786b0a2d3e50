namespace Portcullis.HttpSignatures;

/// <summary>
/// The stable failure codes of signing and verification. Tests and the audit log rely on them; show an
/// unauthenticated caller the code only, never the detail message.
/// </summary>
public static class HttpSignatureErrors
{
    /// <summary>No <c>Signature-Input</c> or no <c>Signature</c> field.</summary>
    public const string Missing = "signature.missing";

    /// <summary>A signature field is not a valid RFC 8941 dictionary, or a member has the wrong shape or parameter types.</summary>
    public const string Malformed = "signature.malformed";

    /// <summary>The expected label is not in both fields, or several signatures and no label chosen.</summary>
    public const string LabelUnknown = "signature.label_unknown";

    /// <summary>The label appears more than once in <c>Signature-Input</c> or <c>Signature</c>.</summary>
    public const string DuplicateLabel = "signature.duplicate_label";

    /// <summary>A covered component is absent from the message (§2.5, §3.2 step 5).</summary>
    public const string ComponentMissing = "signature.component_missing";

    /// <summary>A covered component identifier is unknown, repeated, or has a bad parameter combination.</summary>
    public const string ComponentInvalid = "signature.component_invalid";

    /// <summary>A component parameter this library does not implement (<c>tr</c>, trailers).</summary>
    public const string ComponentUnsupported = "signature.component_unsupported";

    /// <summary>The <c>alg</c> parameter does not match the key's algorithm, or is not allowed by policy.</summary>
    public const string AlgMismatch = "signature.alg_mismatch";

    /// <summary>The key resolver knows no key for the <c>keyid</c>.</summary>
    public const string KeyUnknown = "signature.key_unknown";

    /// <summary>The signature does not verify over the signature base.</summary>
    public const string Invalid = "signature.invalid";

    /// <summary>The <c>expires</c> parameter is in the past.</summary>
    public const string Expired = "signature.expired";

    /// <summary><c>created</c> is further ahead than the allowed clock skew.</summary>
    public const string CreatedInFuture = "signature.created_in_future";

    /// <summary><c>created</c> is older than the allowed window.</summary>
    public const string CreatedTooOld = "signature.created_too_old";

    /// <summary>The <c>Content-Digest</c> does not match the body, or has no supported algorithm (RFC 9530).</summary>
    public const string DigestMismatch = "signature.digest_mismatch";

    /// <summary>The signature does not cover a component the policy requires.</summary>
    public const string RequiredComponentMissing = "signature.required_component_missing";

    /// <summary>The signature lacks a parameter the policy requires (<c>created</c>, <c>keyid</c>, <c>nonce</c>, <c>alg</c>).</summary>
    public const string RequiredParameterMissing = "signature.required_parameter_missing";
}
