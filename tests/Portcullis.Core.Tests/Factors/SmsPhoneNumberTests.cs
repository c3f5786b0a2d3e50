using Portcullis.Core.Factors.Sms;

namespace Portcullis.Core.Tests.Factors;

public sealed class SmsPhoneNumberTests
{
    [Theory]
    [InlineData("+41446681800", "+41446681800")]
    [InlineData("+41 44 668 18 00", "+41446681800")]
    [InlineData(" +1 (415) 555-0100 ", "+14155550100")]
    [InlineData("+44.20.7946.0958", "+442079460958")]
    [InlineData("+12345678", "+12345678")]
    [InlineData("+123456789012345", "+123456789012345")]
    public void TryNormalize_AcceptsE164_IgnoringSeparators(string input, string expected)
    {
        Assert.True(PhoneNumber.TryNormalize(input, out var e164));
        Assert.Equal(expected, e164);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("+")]
    [InlineData("41446681800")]
    [InlineData("0041446681800")]
    [InlineData("+041446681800")]
    [InlineData("+1234567")]
    [InlineData("+1234567890123456")]
    [InlineData("+41 44 668 18 00 x2")]
    [InlineData("+4144668180O")]
    [InlineData("+٤١٤٤٦٦٨١٨٠٠")]
    [InlineData("+41446\n681800")]
    public void TryNormalize_RefusesAnythingElse(string? input)
    {
        Assert.False(PhoneNumber.TryNormalize(input, out var e164));
        Assert.Null(e164);
    }

    [Fact]
    public void Mask_ShowsOnlyTheLastFourDigits() => Assert.Equal("•••1800", PhoneNumber.Mask("+41446681800"));
}
