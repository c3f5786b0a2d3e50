using System.Buffers.Text;
using System.Security.Cryptography;

namespace Portcullis.HttpSignatures.Algorithms;

/// <summary>An <c>ecdsa-p256-sha256</c> key (RFC 9421 §3.3.4): signatures are r||s, 32 bytes each (IEEE P1363).</summary>
public sealed class EcdsaP256HttpKey : HttpSignatureKey
{
    private const int SignatureSize = 64;
    private readonly ECDsa _ecdsa;

    // .NET does not promise that one ECDsa/RSA instance is safe for concurrent use; the gate shares keys across requests.
    private readonly Lock _lock = new();

    private EcdsaP256HttpKey(ECDsa ecdsa, bool canSign)
    {
        _ecdsa = ecdsa;
        CanSign = canSign;
    }

    public override string Algorithm => SignatureAlgorithms.EcdsaP256Sha256;

    public override bool CanSign { get; }

    /// <summary>The DER SubjectPublicKeyInfo (what the gate stores).</summary>
    public byte[] PublicKeySpki
    {
        get
        {
            lock (_lock)
            {
                return _ecdsa.ExportSubjectPublicKeyInfo();
            }
        }
    }

    public static EcdsaP256HttpKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256), canSign: true);

    /// <summary>A public key as DER SubjectPublicKeyInfo.</summary>
    public static EcdsaP256HttpKey FromPublicKeySpki(ReadOnlySpan<byte> spki)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportSubjectPublicKeyInfo(spki, out var read);
            if (read != spki.Length)
            {
                throw new ArgumentException("Trailing data after the public key.", nameof(spki));
            }
        }
        catch (CryptographicException e)
        {
            ecdsa.Dispose();
            throw new ArgumentException("Not an ECDSA public key.", nameof(spki), e);
        }

        return Checked(ecdsa, canSign: false);
    }

    /// <summary>A PEM key: <c>PUBLIC KEY</c>, <c>EC PRIVATE KEY</c> or <c>PRIVATE KEY</c>.</summary>
    public static EcdsaP256HttpKey FromPem(string pem)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            ecdsa.Dispose();
            throw new ArgumentException("Not an ECDSA PEM key.", nameof(pem), e);
        }

        return Checked(ecdsa, canSign: pem.Contains("PRIVATE KEY", StringComparison.Ordinal));
    }

    /// <summary>An EC JWK (RFC 7518 §6.2) on P-256: private when <c>d</c> is present.</summary>
    public static EcdsaP256HttpKey FromJwk(string x, string y, string? d)
    {
        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.DecodeFromChars(x), Y = Base64Url.DecodeFromChars(y) },
            D = d is null ? null : Base64Url.DecodeFromChars(d),
        };
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportParameters(parameters);
        }
        catch (CryptographicException e)
        {
            ecdsa.Dispose();
            throw new ArgumentException("Not a P-256 JWK.", nameof(x), e);
        }

        return new EcdsaP256HttpKey(ecdsa, canSign: d is not null);
    }

    public override byte[] Sign(ReadOnlySpan<byte> data)
    {
        if (!CanSign)
        {
            throw PublicOnly();
        }

        lock (_lock)
        {
            return _ecdsa.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
    }

    public override bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != SignatureSize)
        {
            return false;
        }

        lock (_lock)
        {
            return _ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _ecdsa.Dispose();
        }

        base.Dispose(disposing);
    }

    private static EcdsaP256HttpKey Checked(ECDsa ecdsa, bool canSign)
    {
        if (ecdsa.KeySize != 256 || ecdsa.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            ecdsa.Dispose();
            throw new ArgumentException("The key is not on P-256.");
        }

        return new EcdsaP256HttpKey(ecdsa, canSign);
    }
}
