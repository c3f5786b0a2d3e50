using Portcullis.HttpSignatures.Algorithms;

namespace Portcullis.HttpSignatures.Verification;

/// <summary>
/// Finds the verification key for a <c>keyid</c> (RFC 9421 §3.2 step 6). Return null when the key is unknown,
/// revoked or expired. The verifier does not dispose returned keys: the resolver owns them.
/// </summary>
public interface IVerificationKeyResolver
{
    ValueTask<HttpSignatureKey?> ResolveAsync(string keyId, CancellationToken cancellationToken);
}
