using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Portcullis.Core.Factors.Push;

/// <summary>
/// The wire formats shared by the gate and authenticator devices (documented in <c>docs/factors-push.md</c>;
/// a device written in another language implements exactly these bytes):
/// <list type="number">
/// <item>Device requests carry <c>Authorization: PortcullisDevice device="&lt;id&gt;", ts="&lt;unix seconds&gt;",
/// sig="&lt;base64url Ed25519&gt;"</c> over <see cref="DeviceRequestMessage"/>.</item>
/// <item>An answer to a push carries an Ed25519 signature over <see cref="AnswerMessage"/>.</item>
/// <item>The offline-code seed is HKDF-SHA256 (RFC 5869) over an X25519 (RFC 7748) agreement made at enrolment
/// (<see cref="DeriveOfflineSeed"/>); codes are RFC 6238 TOTP with HMAC-SHA256, 8 digits, 30 s.</item>
/// </list>
/// </summary>
public static class PushProtocol
{
    public const string AuthorizationScheme = "PortcullisDevice";
    public const string DeviceRequestContext = "portcullis-device-v1";
    public const string AnswerContext = "portcullis-push-v1";
    public const string OfflineSeedContext = "portcullis-offline-seed-v1";
    public const string Approve = "approve";
    public const string Deny = "deny";

    /// <summary>How far a device request's timestamp may be from the gate's clock, either way.</summary>
    public const int MaxClockSkewSeconds = 60;

    public const int OfflineDigits = 8;
    public const int OfflinePeriodSeconds = 30;
    public const string OfflineAlgorithm = "SHA256";
    public const int OfflineSeedBytes = 32;

    public static SignatureAlgorithm Signing => SignatureAlgorithm.Ed25519;

    public static KeyAgreementAlgorithm Agreement => KeyAgreementAlgorithm.X25519;

    /// <summary>
    /// <c>portcullis-device-v1 \n METHOD \n target \n ts \n hex(sha256(body))</c>, UTF-8, where <c>target</c> is the
    /// request's path and query exactly as sent and the hash is lowercase hex (of zero bytes when there is no body).
    /// </summary>
    public static byte[] DeviceRequestMessage(string method, string target, long timestamp, ReadOnlySpan<byte> bodySha256) =>
        Encoding.UTF8.GetBytes(string.Join('\n', DeviceRequestContext, method.ToUpperInvariant(), target,
            timestamp.ToString(CultureInfo.InvariantCulture), Convert.ToHexStringLower(bodySha256)));

    /// <summary>
    /// <c>portcullis-push-v1 \n challenge id \n base64url(nonce) \n decision \n number \n summary</c>, UTF-8; the id is
    /// the lowercase hyphenated GUID, the decision <c>approve</c> or <c>deny</c>, the number empty when not given.
    /// </summary>
    public static byte[] AnswerMessage(Guid challengeId, ReadOnlySpan<byte> nonce, string decision, int? number, string summary) =>
        Encoding.UTF8.GetBytes(string.Join('\n', AnswerContext, challengeId.ToString("D"), Base64Url.EncodeToString(nonce), decision,
            number?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, summary));

    /// <summary>The SHA-256 of a request body, as <see cref="DeviceRequestMessage"/> wants it.</summary>
    public static byte[] BodyHash(ReadOnlySpan<byte> body) => SHA256.HashData(body);

    /// <summary>Verifies an Ed25519 signature given in base64url; false for any malformed input.</summary>
    public static bool Verify(byte[]? publicKey, ReadOnlySpan<byte> message, string? signature)
    {
        if (publicKey is null || signature is null || signature.Length > 128 ||
            !PublicKey.TryImport(Signing, publicKey, KeyBlobFormat.RawPublicKey, out var key) || key is null)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[96];
        return Decode(signature, bytes, Signing.SignatureSize) && Signing.Verify(key, message, bytes[..Signing.SignatureSize]);
    }

    /// <summary>Signs <paramref name="message"/> with a device key; the signature in base64url.</summary>
    public static string Sign(Key signingKey, ReadOnlySpan<byte> message) => Base64Url.EncodeToString(Signing.Sign(signingKey, message));

    /// <summary>A raw 32-byte public key from base64url, or <c>null</c> if it is not one for <paramref name="algorithm"/>.</summary>
    public static PublicKey? ImportPublicKey(Algorithm algorithm, string? base64Url)
    {
        if (base64Url is null || base64Url.Length > 64)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[48];
        return Decode(base64Url, bytes, 32) && PublicKey.TryImport(algorithm, bytes[..32], KeyBlobFormat.RawPublicKey, out var key)
            ? key
            : null;
    }

    /// <summary>
    /// The offline-code seed (both sides compute it):
    /// <list type="number">
    /// <item>IKM = X25519(own private key, other side's public key) (RFC 7748 §6.1); an all-zero result is refused.</item>
    /// <item>salt = device agreement public key ‖ gate agreement public key (32 + 32 bytes).</item>
    /// <item>info = UTF-8 <c>portcullis-offline-seed-v1 \n device id</c> (lowercase hyphenated GUID).</item>
    /// <item>seed = HKDF-SHA256(IKM, salt, info, 32 bytes) (RFC 5869 §2).</item>
    /// </list>
    /// Returns <c>null</c> when the other side's key is a low-order point.
    /// </summary>
    public static byte[]? DeriveOfflineSeed(Key ownAgreementKey, PublicKey otherAgreementKey, ReadOnlySpan<byte> deviceAgreementPublic,
        ReadOnlySpan<byte> gateAgreementPublic, Guid deviceId)
    {
        using var shared = Agreement.Agree(ownAgreementKey, otherAgreementKey);
        if (shared is null)
        {
            return null;
        }

        var salt = new byte[deviceAgreementPublic.Length + gateAgreementPublic.Length];
        deviceAgreementPublic.CopyTo(salt);
        gateAgreementPublic.CopyTo(salt.AsSpan(deviceAgreementPublic.Length));
        var info = Encoding.UTF8.GetBytes($"{OfflineSeedContext}\n{deviceId:D}");
        return KeyDerivationAlgorithm.HkdfSha256.DeriveBytes(shared, salt, info, OfflineSeedBytes);
    }

    /// <summary>Decodes base64url of exactly <paramref name="length"/> bytes; false (never an exception) for anything else.</summary>
    private static bool Decode(string text, Span<byte> destination, int length) =>
        Base64Url.IsValid(text, out var decoded) && decoded == length && destination.Length >= length &&
        Base64Url.TryDecodeFromChars(text, destination, out var written) && written == length;

    /// <summary>Parses <c>approve</c> or <c>deny</c>.</summary>
    public static bool TryParseDecision(string? value, out bool approve)
    {
        approve = value == Approve;
        return value is Approve or Deny;
    }
}
