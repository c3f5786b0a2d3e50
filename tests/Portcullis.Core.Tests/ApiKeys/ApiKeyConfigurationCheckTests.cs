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

    [Fact]
    public void EveryProblem_IsReportedAtOnce()
    {
        var problems = Problems(new ApiKeyOptions { SignatureWindow = TimeSpan.Zero, MaxSignedBodyBytes = 1, MaxKeysPerUser = 0 });

        Assert.Equal(3, problems.Count);
    }
}
