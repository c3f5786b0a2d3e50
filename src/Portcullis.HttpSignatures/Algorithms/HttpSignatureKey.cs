namespace Portcullis.HttpSignatures.Algorithms;

/// <summary>
/// Key material bound to one RFC 9421 algorithm (§3.3: a key is used with one algorithm only). Verification
/// never throws for bad signatures: it returns false. Signing with a public-only key is a bug and throws.
/// </summary>
public abstract class HttpSignatureKey : IDisposable
{
    /// <summary>The RFC 9421 <c>alg</c> name, from <see cref="SignatureAlgorithms"/>.</summary>
    public abstract string Algorithm { get; }

    /// <summary>Whether the key holds private (or secret) material.</summary>
    public abstract bool CanSign { get; }

    /// <summary>Signs the signature base bytes (§3.1 step 5).</summary>
    public abstract byte[] Sign(ReadOnlySpan<byte> data);

    /// <summary>Verifies a signature over the signature base bytes (§3.2 step 9).</summary>
    public abstract bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    protected InvalidOperationException PublicOnly() => new($"This {Algorithm} key has no private material and cannot sign.");
}
