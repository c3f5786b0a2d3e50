using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portcullis.Core.Factors.Sms;

/// <summary>
/// An SMS code sent and not yet used: which factor it went to and an HMAC-SHA256 of the code under a random
/// per-code salt. A 6-digit code cannot be protected by its hash (a million guesses are cheap offline); what
/// protects it is its short life, single use and <see cref="SmsService.MaxAttemptsPerCode"/>. The hash only
/// keeps the code out of the database and its backups in readable form.
/// </summary>
/// <param name="Attempts">Wrong answers so far (flow challenges; enrolment counts in <see cref="PendingChallenge.Attempts"/>).</param>
public sealed record SmsCodeChallenge(Guid FactorId, byte[] Salt, byte[] Hash, int Attempts)
{
    public const int Digits = 6;

    /// <summary>A fresh uniformly random code of <see cref="Digits"/> digits.</summary>
    public static string NewCode() =>
        RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    public static SmsCodeChallenge Issue(Guid factorId, string code)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return new SmsCodeChallenge(factorId, salt, Digest(salt, code), 0);
    }

    /// <summary>Whether <paramref name="code"/> (spaces and hyphens ignored) is this code; constant time in the digest.</summary>
    public bool Matches(string? code)
    {
        var clean = Normalize(code);
        var candidate = Digest(Salt, clean ?? string.Empty);
        return CryptographicOperations.FixedTimeEquals(candidate, Hash) && clean is not null;
    }

    /// <summary>The form stored in <c>SignInFlow.ChallengeData</c> or <c>PendingChallenge.Data</c>.</summary>
    public string ToData() => JsonSerializer.Serialize(new Stored(1, FactorId, Salt, Hash, Attempts));

    public static SmsCodeChallenge? TryParse(string? data)
    {
        if (string.IsNullOrEmpty(data))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Stored>(data) is { V: 1, Salt.Length: 16, Hash.Length: 32 } s
                ? new SmsCodeChallenge(s.Factor, s.Salt, s.Hash, s.Attempts)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public override string ToString() => $"SmsCodeChallenge {{ FactorId = {FactorId}, Attempts = {Attempts} }}";

    private static string? Normalize(string? code)
    {
        if (code is null || code.Length > 32)
        {
            return null;
        }

        var clean = code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        return clean.Length == Digits && clean.All(char.IsAsciiDigit) ? clean : null;
    }

    private static byte[] Digest(byte[] salt, string code) => HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(code));

    private sealed record Stored(
        [property: JsonPropertyName("v")] int V,
        [property: JsonPropertyName("factor")] Guid Factor,
        [property: JsonPropertyName("salt")] byte[] Salt,
        [property: JsonPropertyName("hash")] byte[] Hash,
        [property: JsonPropertyName("attempts")] int Attempts);
}
