using Portcullis.Core.Devices;
using Portcullis.Core.Sessions;

namespace Portcullis.Core.Tests.Sessions;

public sealed class DeviceNamesTests
{
    [Theory]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36", "Chrome on Linux")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0", "Firefox on Windows")]
    [InlineData("curl/8.0", "API client")]
    public void From_GuessesFromTheUserAgent(string userAgent, string expected)
    {
        Assert.Equal(expected, DeviceNames.From(null, userAgent, SessionClient.Native));
    }

    [Fact]
    public void From_PrefersTheGivenName_TrimmedAndWithoutControlCharacters()
    {
        Assert.Equal("Desk 1", DeviceNames.From("  Desk\u0007 1 ", "curl/8.0", SessionClient.Native));
        Assert.Equal(DeviceNames.MaxLength, DeviceNames.From(new string('x', 500), null, SessionClient.Native).Length);
    }
}
