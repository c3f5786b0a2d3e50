using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Portcullis.Testing;

namespace Portcullis.Server.Tests;

public sealed class BrowserSessionTests : IAsyncLifetime
{
    private TestGate _gate = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _gate = await TestGate.StartAsync();
        await _gate.CreateUserAsync("alice");
        _client = _gate.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gate.DisposeAsync();
    }

    private async Task<(HttpResponseMessage Response, JsonElement Body, Dictionary<string, string> Cookies)> BrowserSignInAsync(string? deviceCookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sign-in")
        {
            Content = JsonContent.Create(new { username = "alice", password = TestGate.StrongPassword, client = "browser" }),
        };
        if (deviceCookie is not null)
        {
            request.Headers.Add("Cookie", $"__Host-portcullis-device={deviceCookie}");
        }

        var response = await _client.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.ToDictionary(v => v[..v.IndexOf('=', StringComparison.Ordinal)], v => v)
            : [];
        return (response, body, cookies);
    }

    private static string Value(string setCookie) => setCookie[(setCookie.IndexOf('=', StringComparison.Ordinal) + 1)..setCookie.IndexOf(';', StringComparison.Ordinal)];

    private async Task<HttpStatusCode> SendWithCookieAsync(HttpMethod method, string path, string session, params (string, string)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", $"__Host-portcullis-session={session}");
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        using var response = await _client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task BrowserSignIn_SetsStrictHostCookies_AndKeepsTokensOutOfTheBody()
    {
        var (response, body, cookies) = await BrowserSignInAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(body.TryGetProperty("token", out _));
        Assert.False(body.TryGetProperty("device_token", out _));
        foreach (var name in new[] { "__Host-portcullis-session", "__Host-portcullis-device" })
        {
            var cookie = cookies[name].ToLowerInvariant();
            Assert.Contains("; secure", cookie, StringComparison.Ordinal);
            Assert.Contains("; httponly", cookie, StringComparison.Ordinal);
            Assert.Contains("; samesite=strict", cookie, StringComparison.Ordinal);
            Assert.Contains("; path=/", cookie, StringComparison.Ordinal);
            Assert.DoesNotContain("domain=", cookie, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("max-age", cookies["__Host-portcullis-session"].ToLowerInvariant(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionCookie_AuthenticatesRequests()
    {
        var (_, _, cookies) = await BrowserSignInAsync();

        Assert.Equal(HttpStatusCode.OK, await SendWithCookieAsync(HttpMethod.Get, "/api/v1/me", Value(cookies["__Host-portcullis-session"])));
    }

    [Fact]
    public async Task CookieBorneStateChange_FromAnotherSite_IsRefused()
    {
        var (_, _, cookies) = await BrowserSignInAsync();
        var session = Value(cookies["__Host-portcullis-session"]);

        Assert.Equal(HttpStatusCode.Forbidden, await SendWithCookieAsync(HttpMethod.Delete, "/api/v1/sessions", session, ("Sec-Fetch-Site", "cross-site")));
        Assert.Equal(HttpStatusCode.Forbidden, await SendWithCookieAsync(HttpMethod.Delete, "/api/v1/sessions", session, ("Origin", "https://evil.example")));
        Assert.Equal(HttpStatusCode.OK, await SendWithCookieAsync(HttpMethod.Get, "/api/v1/me", session));
        Assert.Equal(HttpStatusCode.NoContent, await SendWithCookieAsync(HttpMethod.Post, "/api/v1/sign-out", session,
            ("Sec-Fetch-Site", "same-origin"), ("Origin", _gate.BaseAddress.GetLeftPart(UriPartial.Authority))));
    }

    [Fact]
    public async Task DeviceCookie_IsRecognisedAtTheNextSignIn()
    {
        var (_, first, cookies) = await BrowserSignInAsync();

        var (_, second, secondCookies) = await BrowserSignInAsync(Value(cookies["__Host-portcullis-device"]));

        Assert.False(second.GetProperty("device").GetProperty("new").GetBoolean());
        Assert.Equal(first.GetProperty("device").GetProperty("id").GetString(), second.GetProperty("device").GetProperty("id").GetString());
        Assert.False(secondCookies.ContainsKey("__Host-portcullis-device"));
    }

    [Fact]
    public async Task SignOut_ExpiresTheSessionCookie()
    {
        var (_, _, cookies) = await BrowserSignInAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sign-out");
        request.Headers.Add("Cookie", $"__Host-portcullis-session={Value(cookies["__Host-portcullis-session"])}");

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var cleared = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("__Host-portcullis-session=;", cleared, StringComparison.Ordinal);
        Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.Ordinal);
    }
}
