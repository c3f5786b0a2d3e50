using System.Security.Cryptography;

namespace Portcullis.HttpSignatures.Algorithms;

/// <summary>An <c>hmac-sha256</c> shared secret (RFC 9421 §3.3.3). Verification compares in constant time.</summary>
public sealed class HmacSha256HttpKey : HttpSignatureKey
{
    private readonly byte[] _secret;

    /// <summary>Wraps a copy of <paramref name="secret"/> (at least 32 bytes).</summary>
    public HmacSha256HttpKey(ReadOnlySpan<byte> secret)
    {
        if (secret.Length < 32)
        {
            throw new ArgumentException("An HMAC-SHA256 secret has at least 32 bytes.", nameof(secret));
        }

        _secret = secret.ToArray();
    }

    public override string Algorithm => SignatureAlgorithms.HmacSha256;

    public override bool CanSign => true;

    public static HmacSha256HttpKey Generate() => new(RandomNumberGenerator.GetBytes(32));

    public override byte[] Sign(ReadOnlySpan<byte> data) => HMACSHA256.HashData(_secret, data);

    public override bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_secret, data, expected);
        return CryptographicOperations.FixedTimeEquals(expected, signature);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            CryptographicOperations.ZeroMemory(_secret);
        }

        base.Dispose(disposing);
    }
}
