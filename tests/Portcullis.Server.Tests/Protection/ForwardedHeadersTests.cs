using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Portcullis.Core.Audit;
using Portcullis.Server.Hosting;
using Portcullis.Testing;

namespace Portcullis.Server.Tests.Protection;

/// <summary>The client address over real Kestrel: X-Forwarded-For counts only from a configured proxy.</summary>
public sealed class ForwardedHeadersTests
{
    private const string Spoofed = "203.0.113.9";

    [Fact]
    public async Task WithoutTrustedProxies_ForwardedForIsIgnored()
    {
        await using var gate = await TestGate.StartAsync();
        await gate.CreateUserAsync("alice");
        using var client = ClientFrom(gate, IPAddress.Loopback);

        await SignInAsync(client, forwardedFor: Spoofed);

        Assert.Equal("127.0.0.1", await LastSignInIpAsync(gate));
    }

    [Fact]
    public async Task FromAConfiguredProxy_ForwardedForIsHonoured()
    {
        await using var gate = await TestGate.StartAsync(new Dictionary<string, string?> { ["Server:TrustedProxies:0"] = "127.0.0.2" });
        await gate.CreateUserAsync("alice");
        using var proxy = ClientFrom(gate, IPAddress.Parse("127.0.0.2"));

        await SignInAsync(proxy, forwardedFor: Spoofed);

        Assert.Equal(Spoofed, await LastSignInIpAsync(gate));
    }

    [Fact]
    public async Task FromAConfiguredProxyRange_ForwardedForIsHonoured_AndFromOutsideItIsIgnored()
    {
        await using var gate = await TestGate.StartAsync(new Dictionary<string, string?> { ["Server:TrustedProxies:0"] = "127.0.0.2/32" });
        await gate.CreateUserAsync("alice");
        using var proxy = ClientFrom(gate, IPAddress.Parse("127.0.0.2"));
        using var direct = ClientFrom(gate, IPAddress.Loopback);

        await SignInAsync(direct, forwardedFor: Spoofed);
        Assert.Equal("127.0.0.1", await LastSignInIpAsync(gate));

        await SignInAsync(proxy, forwardedFor: "198.51.100.20");
        Assert.Equal("198.51.100.20", await LastSignInIpAsync(gate));
    }

    [Theory]
    [InlineData("10.0.0.5", true)]
    [InlineData("10.0.0.0/24", true)]
    [InlineData("fd00::/64", true)]
    [InlineData("10.0.0.5/24", false)]
    [InlineData("proxy.example", false)]
    [InlineData("10.0.0.0/33", false)]
    public void ConfigurationCheck_AcceptsAddressesAndRanges(string proxy, bool valid)
    {
        var check = new ServerConfigurationCheck(Options.Create(new ServerOptions { TrustedProxies = [proxy] }), Options.Create(new TelemetryOptions()));

        var problems = check.Problems().ToList();

        Assert.Equal(valid, problems.Count == 0);
        Assert.All(problems, p => Assert.StartsWith("Server:TrustedProxies:0:", p, StringComparison.Ordinal));
    }

    private static async Task SignInAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sign-in")
        {
            Content = JsonContent.Create(new { username = "alice", password = TestGate.StrongPassword }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<string?> LastSignInIpAsync(TestGate gate) =>
        (await gate.ReadAuditAsync()).Last(e => e.Type == AuditEventTypes.SignInSucceeded).Ip;

    private static HttpClient ClientFrom(TestGate gate, IPAddress local)
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(local, 0));
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        return new HttpClient(handler) { BaseAddress = gate.BaseAddress };
    }
}
