using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Portcullis.Core.Sessions;

/// <summary>
/// Opaque bearer secrets: 256 bits from the system CSPRNG, base64url, with a short prefix that secret
/// scanners can recognise (<c>pcs_</c> sessions, <c>pcd_</c> device tokens, <c>pcf_</c> flow handles,
/// <c>pce_</c> enrolment codes). Only the SHA-256 of a token is
/// stored, so a copy of the database does not let anyone act as a user.
/// </summary>
public static class SessionToken
{
    public const string SessionPrefix = "pcs_";
    public const string DevicePrefix = "pcd_";
    public const string FlowPrefix = "pcf_";
    public const string EnrollmentPrefix = "pce_";
    public const string FreezeLinkPrefix = "pcz_";
    private const int MaxTokenLength = 128;

    public static string NewSessionToken() => New(SessionPrefix);

    public static string NewDeviceToken() => New(DevicePrefix);

    /// <summary>The handle of a sign-in or step-up flow.</summary>
    public static string NewFlowHandle() => New(FlowPrefix);

    /// <summary>An authenticator enrolment code, shown once to a signed-in user.</summary>
    public static string NewEnrollmentCode() => New(EnrollmentPrefix);

    /// <summary>The token of a "this wasn't me" link in a security email.</summary>
    public static string NewFreezeLinkToken() => New(FreezeLinkPrefix);

    /// <summary>SHA-256 of the token's UTF-8 bytes.</summary>
    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Cheap shape check before any lookup; never proves a token valid.</summary>
    public static bool HasShape(string? token, string prefix) =>
        token is not null && token.Length <= MaxTokenLength && token.StartsWith(prefix, StringComparison.Ordinal) &&
        token.Length == prefix.Length + 43;

    private static string New(string prefix)
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        return prefix + Base64Url.EncodeToString(bytes);
    }
}
