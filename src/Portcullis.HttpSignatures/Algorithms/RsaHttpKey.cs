using System.Security.Cryptography;

namespace Portcullis.HttpSignatures.Algorithms;

/// <summary>
/// An RSA key for <c>rsa-pss-sha512</c> (§3.3.1, salt of 64 bytes) or <c>rsa-v1_5-sha256</c> (§3.3.2). Kept for
/// interoperability and the Appendix B vectors; the gate does not issue RSA keys.
/// </summary>
public sealed class RsaHttpKey : HttpSignatureKey
{
    private readonly RSA _rsa;

    // .NET does not promise that one ECDsa/RSA instance is safe for concurrent use; the gate shares keys across requests.
    private readonly Lock _lock = new();
    private readonly RSASignaturePadding _padding;
    private readonly HashAlgorithmName _hash;

    private RsaHttpKey(RSA rsa, string algorithm, bool canSign)
    {
        _rsa = rsa;
        Algorithm = algorithm;
        CanSign = canSign;
        (_padding, _hash) = algorithm switch
        {
            SignatureAlgorithms.RsaPssSha512 => (RSASignaturePadding.Pss, HashAlgorithmName.SHA512),
            SignatureAlgorithms.RsaV15Sha256 => (RSASignaturePadding.Pkcs1, HashAlgorithmName.SHA256),
            _ => throw new ArgumentException("Not an RSA algorithm.", nameof(algorithm)),
        };
    }

    public override string Algorithm { get; }

    public override bool CanSign { get; }

    /// <summary>A PEM key (public or private) for <paramref name="algorithm"/> (<c>rsa-pss-sha512</c> or <c>rsa-v1_5-sha256</c>).</summary>
    public static RsaHttpKey FromPem(string pem, string algorithm)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            rsa.Dispose();
            throw new ArgumentException("Not an RSA PEM key.", nameof(pem), e);
        }

        if (rsa.KeySize < 2048)
        {
            rsa.Dispose();
            throw new ArgumentException("RSA keys have at least 2048 bits.", nameof(pem));
        }

        return new RsaHttpKey(rsa, algorithm, pem.Contains("PRIVATE KEY", StringComparison.Ordinal));
    }

    // .NET's PSS uses a salt as long as the hash (64 bytes for SHA-512), as §3.3.1 requires.
    public override byte[] Sign(ReadOnlySpan<byte> data)
    {
        if (!CanSign)
        {
            throw PublicOnly();
        }

        lock (_lock)
        {
            return _rsa.SignData(data.ToArray(), _hash, _padding);
        }
    }

    public override bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        lock (_lock)
        {
            return signature.Length == _rsa.KeySize / 8 && _rsa.VerifyData(data, signature, _hash, _padding);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _rsa.Dispose();
        }

        base.Dispose(disposing);
    }
}
