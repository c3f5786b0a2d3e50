using System.Buffers.Text;
using NSec.Cryptography;

namespace Portcullis.HttpSignatures.Algorithms;

/// <summary>An <c>ed25519</c> key (RFC 9421 §3.3.6) on NSec.</summary>
public sealed class Ed25519HttpKey : HttpSignatureKey
{
    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;
    private readonly Key? _privateKey;
    private readonly PublicKey _publicKey;

    private Ed25519HttpKey(Key? privateKey, PublicKey publicKey)
    {
        _privateKey = privateKey;
        _publicKey = publicKey;
    }

    public override string Algorithm => SignatureAlgorithms.Ed25519;

    public override bool CanSign => _privateKey is not null;

    /// <summary>The raw 32-byte public key (what the gate stores).</summary>
    public byte[] PublicKeyBytes => _publicKey.Export(KeyBlobFormat.RawPublicKey);

    /// <summary>A fresh key pair.</summary>
    public static Ed25519HttpKey Generate()
    {
        var key = Key.Create(Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return new Ed25519HttpKey(key, key.PublicKey);
    }

    /// <summary>A public key: raw 32 bytes, or a DER SubjectPublicKeyInfo.</summary>
    public static Ed25519HttpKey FromPublicKey(ReadOnlySpan<byte> publicKey)
    {
        var format = publicKey.Length == 32 ? KeyBlobFormat.RawPublicKey : KeyBlobFormat.PkixPublicKey;
        return PublicKey.TryImport(Ed25519, publicKey, format, out var key) && key is not null
            ? new Ed25519HttpKey(null, key)
            : throw new ArgumentException("Not an Ed25519 public key.", nameof(publicKey));
    }

    /// <summary>A public key in PEM (<c>BEGIN PUBLIC KEY</c>).</summary>
    public static Ed25519HttpKey FromPublicKeyPem(string pem) =>
        PublicKey.TryImport(Ed25519, System.Text.Encoding.ASCII.GetBytes(pem), KeyBlobFormat.PkixPublicKeyText, out var key) && key is not null
            ? new Ed25519HttpKey(null, key)
            : throw new ArgumentException("Not an Ed25519 public key PEM.", nameof(pem));

    /// <summary>A private key in PKCS#8 PEM (<c>BEGIN PRIVATE KEY</c>).</summary>
    public static Ed25519HttpKey FromPrivateKeyPem(string pem) =>
        FromPrivate(System.Text.Encoding.ASCII.GetBytes(pem), KeyBlobFormat.PkixPrivateKeyText);

    /// <summary>The raw 32-byte private key (seed), e.g. a JWK's <c>d</c>.</summary>
    public static Ed25519HttpKey FromPrivateKey(ReadOnlySpan<byte> seed) => FromPrivate(seed, KeyBlobFormat.RawPrivateKey);

    /// <summary>An OKP JWK (RFC 8037) with <c>crv</c> Ed25519: private when <c>d</c> is present.</summary>
    public static Ed25519HttpKey FromJwk(string x, string? d)
    {
        if (d is not null)
        {
            var key = FromPrivateKey(Base64Url.DecodeFromChars(d));
            return key.PublicKeyBytes.AsSpan().SequenceEqual(Base64Url.DecodeFromChars(x))
                ? key
                : throw new ArgumentException("The JWK's x does not match d.", nameof(x));
        }

        return FromPublicKey(Base64Url.DecodeFromChars(x));
    }

    public override byte[] Sign(ReadOnlySpan<byte> data) =>
        _privateKey is null ? throw PublicOnly() : Ed25519.Sign(_privateKey, data);

    public override bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        signature.Length == Ed25519.SignatureSize && Ed25519.Verify(_publicKey, data, signature);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _privateKey?.Dispose();
        }

        base.Dispose(disposing);
    }

    private static Ed25519HttpKey FromPrivate(ReadOnlySpan<byte> blob, KeyBlobFormat format)
    {
        var parameters = new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None };
        return Key.TryImport(Ed25519, blob, format, out var key, in parameters) && key is not null
            ? new Ed25519HttpKey(key, key.PublicKey)
            : throw new ArgumentException("Not an Ed25519 private key.", nameof(blob));
    }
}
