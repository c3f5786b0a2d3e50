using Portcullis.HttpSignatures.Algorithms;

namespace Portcullis.HttpSignatures.Verification;

/// <summary>An <see cref="IVerificationKeyResolver"/> over a function, for wiring and tests.</summary>
public sealed class DelegateVerificationKeyResolver(Func<string, CancellationToken, ValueTask<HttpSignatureKey?>> resolve) : IVerificationKeyResolver
{
    public ValueTask<HttpSignatureKey?> ResolveAsync(string keyId, CancellationToken cancellationToken) => resolve(keyId, cancellationToken);
}
