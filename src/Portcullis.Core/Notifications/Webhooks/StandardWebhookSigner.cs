using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Portcullis.Core.Notifications.Webhooks;

/// <summary>
/// Standard Webhooks signatures (https://www.standardwebhooks.com, "Signature scheme"):
/// 1. <c>webhook-id</c>: the message's unique id; retries of the same message reuse it;
/// 2. <c>webhook-timestamp</c>: Unix seconds at the attempt, so a receiver can refuse stale or replayed requests;
/// 3. <c>webhook-signature</c>: <c>v1,</c> + base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}")), over the exact
///    bytes of the body sent.
/// Secrets are shown as <c>whsec_</c> + base64 of the key bytes (32 random bytes here).
/// </summary>
public static class StandardWebhookSigner
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    public const string SecretPrefix = "whsec_";
    public const string Version = "v1";

    /// <summary>The length of a new signing key.</summary>
    public const int KeyBytes = 32;

    /// <summary>The purpose a webhook endpoint's key is encrypted under (<see cref="Secrets.ISecretProtector"/>).</summary>
    public const string SecretPurpose = "webhook-secret";

    /// <summary>A new signing key: 32 bytes from the system's CSPRNG.</summary>
    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(KeyBytes);

    /// <summary>The key as users copy it: <c>whsec_</c> + base64.</summary>
    public static string FormatSecret(ReadOnlySpan<byte> key) => SecretPrefix + Convert.ToBase64String(key);

    /// <summary>The key bytes of a <c>whsec_…</c> secret (the prefix is optional); null when it is not base64 or is empty.</summary>
    public static byte[]? ParseSecret(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return null;
        }

        var text = secret.Trim();
        text = text.StartsWith(SecretPrefix, StringComparison.Ordinal) ? text[SecretPrefix.Length..] : text;
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) && written > 0 ? buffer[..written] : null;
    }

    /// <summary>The <c>webhook-timestamp</c> value for <paramref name="at"/>: Unix seconds.</summary>
    public static string Timestamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>The <c>webhook-signature</c> value: <c>v1,</c> + base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}")).</summary>
    public static string Sign(ReadOnlySpan<byte> key, string id, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return Version + "," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }
}
