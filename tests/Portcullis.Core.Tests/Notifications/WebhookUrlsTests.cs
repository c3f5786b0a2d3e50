using System.Net;
using Portcullis.Core.Notifications.Webhooks;

namespace Portcullis.Core.Tests.Notifications;

public sealed class WebhookUrlsTests
{
    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("10.1.2.3")]
    [InlineData("127.0.0.1")]
    [InlineData("100.64.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("192.0.2.10")]
    [InlineData("198.18.0.1")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("2001:db8::1")]
    public void IsPublic_RefusesNonPublicAddresses(string address) => Assert.False(WebhookUrls.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:1.1.1.1")]
    public void IsPublic_AcceptsPublicAddresses(string address) => Assert.True(WebhookUrls.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("https://hooks.example.com/portcullis?token=abc")]
    [InlineData("https://8.8.8.8/hook")]
    [InlineData("https://[2606:4700::1111]:8443/hook")]
    public void Check_AcceptsPublicHttpsUrls(string url)
    {
        var (uri, problem) = WebhookUrls.Check(url, allowPrivateNetworks: false);

        Assert.Null(problem);
        Assert.NotNull(uri);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("hooks.example.com/x")]
    [InlineData("ftp://hooks.example.com/x")]
    [InlineData("http://hooks.example.com/x")]
    [InlineData("https://localhost/x")]
    [InlineData("https://api.localhost/x")]
    [InlineData("https://intranet/x")]
    [InlineData("https://127.0.0.1/x")]
    [InlineData("https://127.1/x")]
    [InlineData("https://10.0.0.5/x")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::1]/x")]
    [InlineData("https://[fd00::1]/x")]
    [InlineData("https://user:pass@hooks.example.com/x")]
    [InlineData("https://hooks.example.com/x#frag")]
    public void Check_RefusesOtherUrls_WhenPrivateNetworksAreNotAllowed(string? url)
    {
        var (uri, problem) = WebhookUrls.Check(url, allowPrivateNetworks: false);

        Assert.Null(uri);
        Assert.NotNull(problem);
    }

    [Fact]
    public void Check_AcceptsLoopbackHttp_WhenPrivateNetworksAreAllowed()
    {
        Assert.NotNull(WebhookUrls.Check("http://127.0.0.1:8080/hook", allowPrivateNetworks: true).Url);
        Assert.Null(WebhookUrls.Check("ftp://127.0.0.1/hook", allowPrivateNetworks: true).Url);
    }

    [Fact]
    public void Check_RefusesUrlsLongerThan2048()
    {
        var url = "https://hooks.example.com/" + new string('a', 2048);

        Assert.Null(WebhookUrls.Check(url, allowPrivateNetworks: true).Url);
    }

    [Fact]
    public void Display_DropsTheQuery() =>
        Assert.Equal("https://hooks.example.com/p", WebhookUrls.Display("https://hooks.example.com/p?token=secret"));
}
