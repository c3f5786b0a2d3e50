using Portcullis.Core.Protection;

namespace Portcullis.Core.Tests.Protection;

public sealed class NetworkRangesTests
{
    [Theory]
    [InlineData("203.0.113.0/24", "203.0.113.0/24")]
    [InlineData("203.0.113.77/24", "203.0.113.0/24")]
    [InlineData("198.51.100.7", "198.51.100.7/32")]
    [InlineData("10.0.0.0/8", "10.0.0.0/8")]
    [InlineData("2001:DB8::1/48", "2001:db8::/48")]
    [InlineData("2001:db8::1", "2001:db8::1/128")]
    [InlineData("::ffff:192.0.2.0/120", "192.0.2.0/24")]
    public void Parse_NormalisesValidRanges(string text, string expected)
    {
        var result = NetworkRanges.Parse(text);

        Assert.Equal(expected, NetworkRanges.Format(result.Value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-an-ip")]
    [InlineData("10.1")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0.0/+8")]
    [InlineData("10.0.0.0/ 8")]
    [InlineData("2001:db8::/129")]
    [InlineData("fe80::1%eth0/64")]
    [InlineData("10.0.0.0/8/8")]
    public void Parse_RefusesMalformedInput(string? text)
    {
        Assert.Equal(ProtectionErrors.NetworkInvalidCode, NetworkRanges.Parse(text).Error?.Code);
    }

    [Theory]
    [InlineData("0.0.0.0/0")]
    [InlineData("10.0.0.0/7")]
    [InlineData("::/0")]
    [InlineData("2001:db8::/31")]
    public void Parse_RefusesRangesTooBroadToTrust(string text)
    {
        Assert.Equal(ProtectionErrors.NetworkTooBroadCode, NetworkRanges.Parse(text).Error?.Code);
    }
}
