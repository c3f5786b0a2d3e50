using Portcullis.Core.Factors.WebAuthn;

namespace Portcullis.Core.Tests.Factors;

public sealed class WebAuthnOriginsTests
{
    [Theory]
    [InlineData("http://localhost:5080", "http://localhost:5080")]
    [InlineData("http://127.0.0.1:5080", "http://localhost:5080")]
    [InlineData("http://[::1]:5080", "http://localhost:5080")]
    [InlineData("http://0.0.0.0:8080", "http://localhost:8080")]
    [InlineData("http://*:8080", "http://localhost:8080")]
    [InlineData("http://+:8080", "http://localhost:8080")]
    [InlineData("https://broker.example:443", "https://broker.example")]
    [InlineData("https://broker.example:8443/", "https://broker.example:8443")]
    public void AListenUrl_GivesItsOrigin(string url, string origin) =>
        Assert.Equal([origin], WebAuthnOrigins.FromServerUrls(url));

    [Fact]
    public void SeveralListenUrls_GiveTheirOriginsInOrder_WithoutDuplicatesOrNonUrls()
    {
        var origins = WebAuthnOrigins.FromServerUrls("http://127.0.0.1:5080; http://localhost:5080 ;ftp://files;https://localhost:5443");

        Assert.Equal(["http://localhost:5080", "https://localhost:5443"], origins);
    }

    [Fact]
    public void ConfiguredOrigins_WinOverServerUrls()
    {
        var (origins, derived) = WebAuthnOrigins.Resolve(["https://broker.example"], "http://127.0.0.1:5080");

        Assert.Equal(["https://broker.example"], origins);
        Assert.False(derived);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9000", "http://localhost:9000")]
    [InlineData(null, "http://localhost:5080")]
    public void WithoutConfiguredOrigins_ServerUrlsAreUsed_AndItsDefaultWhenUnset(string? serverUrls, string origin)
    {
        var (origins, derived) = WebAuthnOrigins.Resolve([" "], serverUrls);

        Assert.Equal([origin], origins);
        Assert.True(derived);
    }
}
