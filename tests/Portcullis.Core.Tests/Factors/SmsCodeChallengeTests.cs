using Portcullis.Core.Factors.Sms;

namespace Portcullis.Core.Tests.Factors;

public sealed class SmsCodeChallengeTests
{
    private static readonly Guid FactorId = Guid.Parse("0195d1a8-7c1e-7000-8000-000000000001");

    [Fact]
    public void NewCode_IsSixDigits_AndVaries()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => SmsCodeChallenge.NewCode()).ToList();

        Assert.All(codes, c => Assert.Matches("^[0-9]{6}$", c));
        Assert.True(codes.Distinct().Count() > 190);
    }

    [Theory]
    [InlineData("042917")]
    [InlineData(" 042 917 ")]
    [InlineData("042-917")]
    public void Matches_TheIssuedCode_IgnoringSpacesAndHyphens(string typed) =>
        Assert.True(SmsCodeChallenge.Issue(FactorId, "042917").Matches(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("042918")]
    [InlineData("42917")]
    [InlineData("0429170")]
    [InlineData("04291a")]
    public void Matches_NothingElse(string? typed) =>
        Assert.False(SmsCodeChallenge.Issue(FactorId, "042917").Matches(typed));

    [Fact]
    public void TheStoredForm_RoundTrips_WithoutTheCode()
    {
        var challenge = SmsCodeChallenge.Issue(FactorId, "042917") with { Attempts = 3 };

        var data = challenge.ToData();
        var parsed = SmsCodeChallenge.TryParse(data);

        Assert.DoesNotContain("042917", data, StringComparison.Ordinal);
        Assert.NotNull(parsed);
        Assert.Equal(FactorId, parsed.FactorId);
        Assert.Equal(3, parsed.Attempts);
        Assert.True(parsed.Matches("042917"));
    }

    [Fact]
    public void TheSameCode_HashesDifferentlyEachTime() =>
        Assert.NotEqual(SmsCodeChallenge.Issue(FactorId, "042917").Hash, SmsCodeChallenge.Issue(FactorId, "042917").Hash);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"v\":2}")]
    [InlineData("{\"v\":1,\"factor\":\"0195d1a8-7c1e-7000-8000-000000000001\",\"salt\":\"AA==\",\"hash\":\"AA==\",\"attempts\":0}")]
    public void TryParse_RefusesOtherData(string? data) => Assert.Null(SmsCodeChallenge.TryParse(data));
}
