using System.Net;
using Portcullis.Core.SignIn;

namespace Portcullis.Core.Tests.SignIn;

public sealed class ThrottleScheduleTests
{
    private static readonly ThrottleSchedule Default = new();

    [Theory]
    [InlineData(0, 0)]
    [InlineData(5, 0)]
    [InlineData(6, 1)]
    [InlineData(7, 2)]
    [InlineData(10, 16)]
    [InlineData(14, 256)]
    [InlineData(15, 300)]
    [InlineData(20, 300)]
    [InlineData(100, 300)]
    [InlineData(int.MaxValue, 300)]
    public void DelayAfter_IsFreeThenDoublesUpToTheCap(int failures, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Default.DelayAfter(failures));
    }

    [Fact]
    public void DelayAfter_NeverDecreasesAsFailuresGrow()
    {
        var previous = TimeSpan.Zero;
        for (var failures = 0; failures <= 200; failures++)
        {
            var delay = Default.DelayAfter(failures);
            Assert.True(delay >= previous);
            previous = delay;
        }
    }

    [Theory]
    [InlineData("203.0.113.7", "ip:203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "ip:203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "ip:2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:ffff:ffff:ffff", "ip:2001:db8:1:2::/64")]
    public void NetworkKey_CountsIPv4AloneAndIPv6ByItsSlash64(string address, string key)
    {
        Assert.Equal(key, ThrottleKeys.ForNetwork(IPAddress.Parse(address)));
    }

    [Fact]
    public void UsernameKey_IsAHashNotTheName()
    {
        var key = ThrottleKeys.ForUsername("alice");

        Assert.StartsWith("user:", key, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", key, StringComparison.Ordinal);
        Assert.Equal(key, ThrottleKeys.ForUsername("alice"));
        Assert.NotEqual(key, ThrottleKeys.ForUsername("bob"));
    }
}
