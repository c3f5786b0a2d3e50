using Portcullis.HttpSignatures.Algorithms;
using Portcullis.HttpSignatures.Verification;

namespace Portcullis.HttpSignatures.Tests;

/// <summary>Resolves keys from a fixed map.</summary>
internal sealed class SingleKeyResolver : IVerificationKeyResolver
{
    private readonly Dictionary<string, HttpSignatureKey> _keys = new(StringComparer.Ordinal);

    public SingleKeyResolver(string keyId, HttpSignatureKey key) => _keys[keyId] = key;

    public ValueTask<HttpSignatureKey?> ResolveAsync(string keyId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_keys.GetValueOrDefault(keyId));
}
