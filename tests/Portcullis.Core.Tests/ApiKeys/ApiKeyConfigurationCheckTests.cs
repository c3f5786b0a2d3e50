using System.Globalization;
using Microsoft.Extensions.Options;
using Portcullis.Core.ApiKeys;

namespace Portcullis.Core.Tests.ApiKeys;

public sealed class ApiKeyConfigurationCheckTests
{
    private static List<string> Problems(ApiKeyOptions options) => [.. new ApiKeyConfigurationCheck(Options.Create(options)).Problems()];

    [Fact]
    public void TheDefaults_AreValid() => Assert.Empty(Problems(new ApiKeyOptions()));

    [Theory]
    [InlineData(0)]
    [InlineData(61)]
    public void ASignatureWindowOutsideOneToSixtySeconds_IsReported(int seconds)
    {
        var problems = Problems(new ApiKeyOptions { SignatureWindow = TimeSpan.FromSeconds(seconds) });

        Assert.Single(problems, p => p.StartsWith("ApiKeys:SignatureWindow", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(59)]
    [InlineData(901)]
    public void ASessionKeyLifetimeOutsideOneToFifteenMinutes_IsReported(int seconds)
    {
        var problems = Problems(new ApiKeyOptions { SessionKeyLifetime = TimeSpan.FromSeconds(seconds) });

        Assert.Equal(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"ApiKeys:SessionKeyLifetime: must be between 00:01:00 and 00:15:00 (value: {TimeSpan.FromSeconds(seconds)})"), Assert.Single(problems));
    }

    [Theory]
    [InlineData(60)]
    [InlineData(900)]
    public void ASessionKeyLifetimeOfOneToFifteenMinutes_IsValid(int seconds) =>
        Assert.Empty(Problems(new ApiKeyOptions { SessionKeyLifetime = TimeSpan.FromSeconds(seconds) }));

    [Theory]
    [InlineData("23:59:59")]
    [InlineData("365.00:00:01")]
    public void AUsageRetentionOutsideOneToThreeHundredSixtyFiveDays_IsReported(string retention)
    {
        var problems = Problems(new ApiKeyOptions { UsageRetention = TimeSpan.Parse(retention, CultureInfo.InvariantCulture) });

        Assert.Single(problems, p => p.StartsWith("ApiKeys:UsageRetention", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1.00:00:00")]
    [InlineData("365.00:00:00")]
    public void AUsageRetentionOfOneToThreeHundredSixtyFiveDays_IsAccepted(string retention) =>
        Assert.Empty(Problems(new ApiKeyOptions { UsageRetention = TimeSpan.Parse(retention, CultureInfo.InvariantCulture) }));

    [Fact]
    public void EveryProblem_IsReportedAtOnce()
    {
        var problems = Problems(new ApiKeyOptions { SignatureWindow = TimeSpan.Zero, MaxSignedBodyBytes = 1, MaxKeysPerUser = 0 });

        Assert.Equal(3, problems.Count);
    }
}
