using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;
using Portcullis.Core.Results;

namespace Portcullis.Core.ApiKeys;

/// <summary>
/// Reads the public key a client uploads: PEM (<c>-----BEGIN PUBLIC KEY-----</c>), or base64 / base64url of a DER
/// SubjectPublicKeyInfo, or (Ed25519 only) of the raw 32-byte key. Returns the form the gate stores: the raw key for
/// Ed25519, the SubjectPublicKeyInfo for P-256 (checked to be on that curve).
/// </summary>
public static class ApiKeyPublicKeys
{
    private const int MaxLength = 4096;
    private const string P256Oid = "1.2.840.10045.3.1.7";

    public static Result<byte[]> Read(ApiKeyAlgorithm algorithm, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ApiKeyErrors.PublicKeyInvalid("Upload the key's public half (PEM or base64).");
        }

        if (text.Length > MaxLength || Decode(text.Trim()) is not { } der)
        {
            return ApiKeyErrors.PublicKeyInvalid("Not a PEM or base64 public key.");
        }

        return algorithm switch
        {
            ApiKeyAlgorithm.Ed25519 => ReadEd25519(der),
            ApiKeyAlgorithm.EcdsaP256 => ReadP256(der),
            _ => ApiKeyErrors.PublicKeyInvalid("HMAC keys have no public key: the gate generates the secret."),
        };
    }

    /// <summary>A short fingerprint for people to compare: base64url of the first 12 bytes of SHA-256 of the stored key.</summary>
    public static string Fingerprint(byte[] stored) => Base64Url.EncodeToString(SHA256.HashData(stored).AsSpan(0, 12));

    private static Result<byte[]> ReadEd25519(byte[] der)
    {
        var format = der.Length == 32 ? KeyBlobFormat.RawPublicKey : KeyBlobFormat.PkixPublicKey;
        if (!PublicKey.TryImport(SignatureAlgorithm.Ed25519, der, format, out var key) || key is null)
        {
            return ApiKeyErrors.PublicKeyInvalid("Not an Ed25519 public key (32 bytes, or its SubjectPublicKeyInfo).");
        }

        return key.Export(KeyBlobFormat.RawPublicKey);
    }

    private static Result<byte[]> ReadP256(byte[] der)
    {
        using var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportSubjectPublicKeyInfo(der, out var read);
            if (read != der.Length)
            {
                return ApiKeyErrors.PublicKeyInvalid("Trailing data after the public key.");
            }
        }
        catch (CryptographicException)
        {
            return ApiKeyErrors.PublicKeyInvalid("Not an ECDSA public key (SubjectPublicKeyInfo).");
        }

        var curve = ecdsa.ExportParameters(false).Curve;
        return curve.IsNamed && curve.Oid.Value == P256Oid
            ? ecdsa.ExportSubjectPublicKeyInfo()
            : ApiKeyErrors.PublicKeyInvalid("The key is not on the P-256 curve.");
    }

    private static byte[]? Decode(string text)
    {
        if (text.StartsWith("-----BEGIN PUBLIC KEY-----", StringComparison.Ordinal))
        {
            var end = text.IndexOf("-----END PUBLIC KEY-----", StringComparison.Ordinal);
            if (end < 0)
            {
                return null;
            }

            text = text["-----BEGIN PUBLIC KEY-----".Length..end];
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c switch { '-' => '+', '_' => '/', _ => c });
            }
        }

        while (builder.Length % 4 != 0)
        {
            builder.Append('=');
        }

        var buffer = new byte[builder.Length * 3 / 4];
        return Convert.TryFromBase64String(builder.ToString(), buffer, out var written) && written > 0 ? buffer[..written] : null;
    }
}
