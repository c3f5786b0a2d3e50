using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Users;
using Portcullis.Testing;

namespace Portcullis.Server.Tests;

public sealed class SessionLifecycleTests : IAsyncLifetime
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

    private async Task<string> SignInAsync() => (await _gate.SignInAsync(_client, "alice")).Token();

    [Fact]
    public async Task Session_EndsAfterFifteenIdleMinutes()
    {
        var token = await SignInAsync();

        _gate.Time.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.OK, (await _client.GetJsonAsync("/api/v1/session", token)).Status);
        _gate.Time.Advance(TimeSpan.FromMinutes(15));
        var (status, body, response) = await _client.GetJsonAsync("/api/v1/session", token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("auth.required", body.Code());
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Session_EndsAfterTwelveHoursHoweverActive()
    {
        var token = await SignInAsync();
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(12) - TimeSpan.FromMinutes(10); elapsed += TimeSpan.FromMinutes(10))
        {
            _gate.Time.Advance(TimeSpan.FromMinutes(10));
            Assert.Equal(HttpStatusCode.OK, (await _client.GetJsonAsync("/api/v1/session", token)).Status);
        }

        _gate.Time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.GetJsonAsync("/api/v1/session", token)).Status);
    }

    [Fact]
    public async Task Sessions_ListsEveryActiveSessionAndMarksThisOne()
    {
        var first = await SignInAsync();
        await SignInAsync();

        var (_, list, _) = await _client.GetJsonAsync("/api/v1/sessions", first);

        Assert.Equal(2, list.GetArrayLength());
        Assert.Single(list.EnumerateArray(), s => s.GetProperty("current").GetBoolean());
        Assert.All(list.EnumerateArray(), s => Assert.False(s.TryGetProperty("token", out _)));
    }

    [Fact]
    public async Task RevokingAnotherSession_EndsItAtOnce()
    {
        var mine = await SignInAsync();
        var other = await SignInAsync();
        var (_, otherSession, _) = await _client.GetJsonAsync("/api/v1/session", other);

        var (status, _, _) = await _client.SendAsync(HttpMethod.Delete, $"/api/v1/sessions/{otherSession.GetProperty("id").GetString()}", mine);

        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.GetJsonAsync("/api/v1/session", other)).Status);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetJsonAsync("/api/v1/session", mine)).Status);
    }

    [Fact]
    public async Task RevokingSomeoneElsesSession_IsNotFound()
    {
        await _gate.CreateUserAsync("bob");
        var bob = (await _gate.SignInAsync(_client, "bob")).Token();
        var (_, bobSession, _) = await _client.GetJsonAsync("/api/v1/session", bob);
        var mine = await SignInAsync();

        var (status, body, _) = await _client.SendAsync(HttpMethod.Delete, $"/api/v1/sessions/{bobSession.GetProperty("id").GetString()}", mine);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("session.not_found", body.Code());
        Assert.Equal(HttpStatusCode.OK, (await _client.GetJsonAsync("/api/v1/session", bob)).Status);
    }

    [Fact]
    public async Task SignOutEverywhere_EndsEverySession()
    {
        var a = await SignInAsync();
        var b = await SignInAsync();

        var (status, body, _) = await _client.SendAsync(HttpMethod.Delete, "/api/v1/sessions", a);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, body.GetProperty("revoked").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.GetJsonAsync("/api/v1/session", a)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.GetJsonAsync("/api/v1/session", b)).Status);
    }

    [Fact]
    public async Task SignOut_EndsThisSessionOnly()
    {
        var a = await SignInAsync();
        var b = await SignInAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await _client.SendAsync(HttpMethod.Post, "/api/v1/sign-out", a)).Status);

        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.GetJsonAsync("/api/v1/session", a)).Status);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetJsonAsync("/api/v1/session", b)).Status);
    }

    [Fact]
    public async Task Reauthenticate_GivesANewTokenAndRecordsTheEvent()
    {
        var old = await SignInAsync();
        _gate.Time.Advance(TimeSpan.FromMinutes(5));

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/session/reauthenticate", new { password = TestGate.StrongPassword }, old);

        Assert.Equal(HttpStatusCode.OK, status);
        var fresh = body.Token();
        Assert.NotEqual(old, fresh);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.GetJsonAsync("/api/v1/session", old)).Status);
        var (_, session, _) = await _client.GetJsonAsync("/api/v1/session", fresh);
        var events = session.GetProperty("authentications").EnumerateArray().ToList();
        Assert.Equal(2, events.Count);
        Assert.Equal(_gate.Time.GetUtcNow(), events[1].GetProperty("at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Reauthenticate_WithWrongPassword_KeepsTheSessionAndCountsAFailure()
    {
        var token = await SignInAsync();

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/session/reauthenticate", new { password = "not-the-password-at-all" }, token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("signin.failed", body.Code());
        Assert.Equal(HttpStatusCode.OK, (await _client.GetJsonAsync("/api/v1/session", token)).Status);
    }

    [Fact]
    public async Task DisablingAUser_EndsTheirSessionsAtOnce()
    {
        var token = await SignInAsync();

        await _gate.Services.GetRequiredService<UserService>().DisableAsync("alice", "test", CancellationToken.None);

        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.GetJsonAsync("/api/v1/me", token)).Status);
    }

    [Theory]
    [InlineData("pcs_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("garbage")]
    [InlineData("")]
    public async Task UnknownOrMalformedTokens_AreRefused(string token)
    {
        var (status, body, _) = await _client.GetJsonAsync("/api/v1/me", token.Length == 0 ? null : token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("auth.required", body.Code());
    }
}
