using OtpNet;

namespace Portcullis.Core.Factors.Totp;

/// <summary>RFC 6238 codes through Otp.NET, with the algorithm named as in <c>otpauth://</c> URIs.</summary>
public static class TotpCode
{
    public static OtpHashMode Mode(string algorithm) => algorithm.ToUpperInvariant() switch
    {
        "SHA1" => OtpHashMode.Sha1,
        "SHA256" => OtpHashMode.Sha256,
        "SHA512" => OtpHashMode.Sha512,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "SHA1, SHA256 or SHA512"),
    };

    /// <summary>The code for <paramref name="at"/>.</summary>
    public static string Compute(byte[] secret, DateTimeOffset at, int digits = 6, int period = 30, string algorithm = "SHA1") =>
        new OtpNet.Totp(secret, period, Mode(algorithm), digits).ComputeTotp(at.UtcDateTime);

    /// <summary>
    /// RFC 6238 §5.2: accepts the current step and one step either side (clock drift). Returns the matched
    /// time step, which the caller must record so it is never accepted twice.
    /// </summary>
    public static long? Match(byte[] secret, string code, DateTimeOffset at, int digits = 6, int period = 30, string algorithm = "SHA1")
    {
        if (code.Length != digits || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        var totp = new OtpNet.Totp(secret, period, Mode(algorithm), digits);
        return totp.VerifyTotp(at.UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1)) ? step : null;
    }
}
