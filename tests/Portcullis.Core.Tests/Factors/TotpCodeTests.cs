using System.Text;
using Portcullis.Core.Factors.Totp;

namespace Portcullis.Core.Tests.Factors;

public sealed class TotpCodeTests
{
    private static readonly byte[] Sha1Seed = Encoding.ASCII.GetBytes("12345678901234567890");
    private static readonly byte[] Sha256Seed = Encoding.ASCII.GetBytes("12345678901234567890123456789012");
    private static readonly byte[] Sha512Seed = Encoding.ASCII.GetBytes("1234567890123456789012345678901234567890123456789012345678901234");

    // RFC 6238 Appendix B, verbatim: T (Unix seconds), TOTP (8 digits), mode.
    [Theory]
    [InlineData(59L, "94287082", "SHA1")]
    [InlineData(59L, "46119246", "SHA256")]
    [InlineData(59L, "90693936", "SHA512")]
    [InlineData(1111111109L, "07081804", "SHA1")]
    [InlineData(1111111109L, "68084774", "SHA256")]
    [InlineData(1111111109L, "25091201", "SHA512")]
    [InlineData(1111111111L, "14050471", "SHA1")]
    [InlineData(1111111111L, "67062674", "SHA256")]
    [InlineData(1111111111L, "99943326", "SHA512")]
    [InlineData(1234567890L, "89005924", "SHA1")]
    [InlineData(1234567890L, "91819424", "SHA256")]
    [InlineData(1234567890L, "93441116", "SHA512")]
    [InlineData(2000000000L, "69279037", "SHA1")]
    [InlineData(2000000000L, "90698825", "SHA256")]
    [InlineData(2000000000L, "38618901", "SHA512")]
    [InlineData(20000000000L, "65353130", "SHA1")]
    [InlineData(20000000000L, "77737706", "SHA256")]
    [InlineData(20000000000L, "47863826", "SHA512")]
    public void Compute_MatchesRfc6238AppendixB(long unixSeconds, string expected, string mode)
    {
        var seed = mode switch { "SHA1" => Sha1Seed, "SHA256" => Sha256Seed, _ => Sha512Seed };
        var at = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

        Assert.Equal(expected, TotpCode.Compute(seed, at, digits: 8, period: 30, algorithm: mode));
        Assert.Equal(unixSeconds / 30, TotpCode.Match(seed, expected, at, digits: 8, period: 30, algorithm: mode));
    }

    // RFC 4226 Appendix D, verbatim: HOTP(counter) for the ASCII secret "12345678901234567890". TOTP is
    // HOTP with counter = floor(T / 30), so the code at T = 30 * counter must be the HOTP value.
    [Theory]
    [InlineData(0L, "755224")]
    [InlineData(1L, "287082")]
    [InlineData(2L, "359152")]
    [InlineData(3L, "969429")]
    [InlineData(4L, "338314")]
    [InlineData(5L, "254676")]
    [InlineData(6L, "287922")]
    [InlineData(7L, "162583")]
    [InlineData(8L, "399871")]
    [InlineData(9L, "520489")]
    public void Compute_MatchesRfc4226AppendixD(long counter, string expected)
    {
        Assert.Equal(expected, TotpCode.Compute(Sha1Seed, DateTimeOffset.FromUnixTimeSeconds(counter * 30)));
    }

    [Theory]
    [InlineData(-30, true)]
    [InlineData(0, true)]
    [InlineData(30, true)]
    [InlineData(-60, false)]
    [InlineData(60, false)]
    public void Match_AcceptsOneStepOfDriftEitherSide(int offsetSeconds, bool accepted)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var code = TotpCode.Compute(Sha1Seed, now.AddSeconds(offsetSeconds));

        Assert.Equal(accepted, TotpCode.Match(Sha1Seed, code, now) is not null);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    [InlineData("１２３４５６")]
    public void Match_RejectsMalformedCodes(string code)
    {
        Assert.Null(TotpCode.Match(Sha1Seed, code, DateTimeOffset.FromUnixTimeSeconds(1_800_000_000)));
    }
}
