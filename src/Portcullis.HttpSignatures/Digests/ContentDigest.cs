using System.Security.Cryptography;
using Portcullis.HttpSignatures.StructuredFields;

namespace Portcullis.HttpSignatures.Digests;

/// <summary>
/// RFC 9530 <c>Content-Digest</c>: a dictionary of algorithm → byte sequence over the message content.
/// Supports <c>sha-256</c> (what Portcullis clients send) and <c>sha-512</c>.
/// </summary>
public static class ContentDigest
{
    public const string FieldName = "Content-Digest";
    public const string Sha256 = "sha-256";
    public const string Sha512 = "sha-512";

    /// <summary>The field value for <paramref name="content"/>, e.g. <c>sha-256=:...:</c>.</summary>
    public static string Create(ReadOnlySpan<byte> content, string algorithm = Sha256)
    {
        var digest = Hash(algorithm, content) ?? throw new ArgumentException($"Unsupported digest algorithm '{algorithm}'.", nameof(algorithm));
        var dictionary = new SfDictionary();
        dictionary.Set(algorithm, new SfMember(new SfItem(SfBareItem.FromBytes(digest))));
        return SfSerializer.Serialize(dictionary);
    }

    /// <summary>
    /// Checks a <c>Content-Digest</c> value against the content (RFC 9530 §2): every supported algorithm
    /// present must match (constant-time), and at least one must be present. Unknown algorithms are ignored.
    /// Fails with <see cref="HttpSignatureErrors.DigestMismatch"/>.
    /// </summary>
    public static HttpSignatureResult<string> Verify(string fieldValue, ReadOnlySpan<byte> content)
    {
        var parsed = SfParser.ParseDictionary(fieldValue);
        if (!parsed.IsSuccess)
        {
            return HttpSignatureResult<string>.Fail(HttpSignatureErrors.DigestMismatch, $"Content-Digest is not a dictionary ({parsed.Error.Code}).");
        }

        string? checkedAlgorithm = null;
        foreach (var (algorithm, member) in parsed.Value.Entries)
        {
            var expected = Hash(algorithm, content);
            if (expected is null)
            {
                continue;
            }

            if (member.Item is not { Value.Kind: SfKind.ByteSequence } item
                || !CryptographicOperations.FixedTimeEquals(expected, item.Value.Bytes.Span))
            {
                return HttpSignatureResult<string>.Fail(HttpSignatureErrors.DigestMismatch, $"The {algorithm} digest does not match the content.");
            }

            checkedAlgorithm ??= algorithm;
        }

        return checkedAlgorithm is null
            ? HttpSignatureResult<string>.Fail(HttpSignatureErrors.DigestMismatch, "Content-Digest has no supported algorithm (sha-256, sha-512).")
            : HttpSignatureResult<string>.Success(checkedAlgorithm);
    }

    private static byte[]? Hash(string algorithm, ReadOnlySpan<byte> content) => algorithm switch
    {
        Sha256 => SHA256.HashData(content),
        Sha512 => SHA512.HashData(content),
        _ => null,
    };
}
