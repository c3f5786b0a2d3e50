using Microsoft.Extensions.Options;
using Portcullis.Core.Factors.Push;
using Portcullis.Core.Holds;

namespace Portcullis.Core.Tests.Holds;

public sealed class HeldOperationConfigurationCheckTests
{
    private static List<string> Problems(HeldOperationOptions options) =>
        new HeldOperationConfigurationCheck(Options.Create(options)).Problems().ToList();

    [Fact]
    public void TheDefaults_AreValid() => Assert.Empty(Problems(new HeldOperationOptions()));

    [Fact]
    public void EveryBadValue_IsReported_WithItsPathAndValue()
    {
        var problems = Problems(new HeldOperationOptions { MaxPending = 0, Lifetime = TimeSpan.FromDays(2) });

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Policy:Holds:MaxPending:", StringComparison.Ordinal) && p.EndsWith("(value: 0)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Policy:Holds:Lifetime:", StringComparison.Ordinal) && p.Contains("2.00:00:00", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(42, 42, true)]
    [InlineData(41, 42, false)]
    [InlineData(null, 42, false)]
    public void PushNumbers_Match_OnlyTheSameNumber(int? picked, int number, bool expected) =>
        Assert.Equal(expected, PushNumbers.Matches(picked, number));
}
