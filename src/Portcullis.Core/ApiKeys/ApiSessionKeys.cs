using System.Net;
using System.Security.Cryptography;
using Portcullis.Core.Results;

namespace Portcullis.Core.ApiKeys;

/// <summary>Identifiers, encryption purpose and the per-request check of <see cref="ApiSessionKey"/>s.</summary>
public static class ApiSessionKeys
{
    /// <summary>The prefix of a session key's <c>keyid</c>; an API key's is <c>pk_</c>.</summary>
    public const string KeyIdPrefix = "sk_";

    /// <summary>The purpose a session key's secret is encrypted for (distinct from an HMAC API key's).</summary>
    public const string SecretPurpose = "apikey.session_key.secret";

    /// <summary>Whether a signature's <c>keyid</c> names a session key.</summary>
    public static bool IsSessionKeyId(string keyId) => keyId.StartsWith(KeyIdPrefix, StringComparison.Ordinal);

    /// <summary>
    /// Whether <paramref name="session"/> may sign a request from <paramref name="ip"/> at <paramref name="now"/>, once its API
    /// key's own state has been checked: revoked → <c>apikey.key_revoked</c>, expired → <c>apikey.session_key_expired</c>
    /// (mint a new one), another address than the one it was issued to → <c>apikey.ip_not_allowed</c>. <c>null</c> when it may.
    /// </summary>
    public static Error? Check(ApiSessionKey session, IPAddress? ip, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.RevokedAt is not null)
        {
            return ApiKeyRequestErrors.KeyRevoked();
        }

        if (now >= session.ExpiresAt)
        {
            return ApiKeyRequestErrors.SessionKeyExpired();
        }

        var address = ip is { IsIPv4MappedToIPv6: true } ? ip.MapToIPv4() : ip;
        return address is not null && IPAddress.TryParse(session.BoundIp, out var bound) && bound.Equals(address)
            ? null
            : ApiKeyRequestErrors.IpNotAllowed();
    }

    /// <summary><c>sk_</c> and 24 characters of lower-case base32 (120 random bits).</summary>
    public static string NewKeyId()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        Span<char> chars = stackalloc char[24];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return KeyIdPrefix + new string(chars);
    }
}
