using Portcullis.HttpSignatures.StructuredFields;

namespace Portcullis.HttpSignatures.Signing;

/// <summary>
/// The signature parameters of RFC 9421 §2.3. Serialised in the order created, expires, keyid, alg, nonce,
/// tag (any order is valid; this one reproduces the Appendix B examples).
/// </summary>
public sealed record SignatureParameters
{
    /// <summary><c>created</c>: when the signature was made, in whole seconds.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary><c>expires</c>: after this instant the signature is not accepted.</summary>
    public DateTimeOffset? Expires { get; init; }

    public string? KeyId { get; init; }

    /// <summary><c>alg</c>: when set it must equal the key's algorithm.</summary>
    public string? Algorithm { get; init; }

    /// <summary><c>nonce</c>: a fresh random value per signature (see <see cref="NewNonce"/>).</summary>
    public string? Nonce { get; init; }

    /// <summary><c>tag</c>: the application the signature is meant for (§2.3).</summary>
    public string? Tag { get; init; }

    /// <summary>128 random bits, base64url without padding.</summary>
    public static string NewNonce() =>
        System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    internal SfParameters ToSfParameters()
    {
        var parameters = new SfParameters();
        if (Created is { } created)
        {
            parameters.Set("created", SfBareItem.FromInteger(created.ToUnixTimeSeconds()));
        }

        if (Expires is { } expires)
        {
            parameters.Set("expires", SfBareItem.FromInteger(expires.ToUnixTimeSeconds()));
        }

        Add(parameters, "keyid", KeyId);
        Add(parameters, "alg", Algorithm);
        Add(parameters, "nonce", Nonce);
        Add(parameters, "tag", Tag);
        return parameters;
    }

    private static void Add(SfParameters parameters, string key, string? value)
    {
        if (value is not null)
        {
            parameters.Set(key, SfBareItem.FromString(value));
        }
    }
}
