using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Audit;
using Portcullis.Core.Passwords;
using Portcullis.Core.Persistence;
using Portcullis.Core.Users;
using Portcullis.Testing;

namespace Portcullis.Server.Tests;

public sealed class SignInTests : IAsyncLifetime
{
    private TestGate _gate = null!;

    public async Task InitializeAsync() => _gate = await TestGate.StartAsync();

    public async Task DisposeAsync() => await _gate.DisposeAsync();

    [Fact]
    public async Task SignIn_WithCorrectPassword_ReturnsASessionWithItsPasswordEvent()
    {
        await _gate.CreateUserAsync("alice");
        using var client = _gate.CreateClient();

        var (status, body, _) = await client.PostJsonAsync("/api/v1/sign-in", new { username = "Alice", password = TestGate.StrongPassword });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("pcs_", body.Token(), StringComparison.Ordinal);
        Assert.StartsWith("pcd_", body.GetProperty("device_token").GetString(), StringComparison.Ordinal);
        Assert.Equal("alice", body.GetProperty("user").GetProperty("username").GetString());
        var session = body.GetProperty("session");
        Assert.Equal("native", session.GetProperty("client").GetString());
        var authentication = Assert.Single(session.GetProperty("authentications").EnumerateArray());
        Assert.Equal("password", authentication.GetProperty("method").GetString());
        Assert.Equal(_gate.Time.GetUtcNow().AddMinutes(15), session.GetProperty("expires_at").GetDateTimeOffset());
        Assert.Equal(_gate.Time.GetUtcNow().AddHours(12), session.GetProperty("absolute_expires_at").GetDateTimeOffset());
        Assert.True(body.GetProperty("device").GetProperty("new").GetBoolean());

        var (meStatus, me, _) = await client.GetJsonAsync("/api/v1/me", body.Token());
        Assert.Equal(HttpStatusCode.OK, meStatus);
        Assert.Equal("alice", me.GetProperty("user").GetProperty("username").GetString());
    }

    [Fact]
    public async Task SignIn_WrongPasswordAndUnknownUser_GiveIdenticalAnswers()
    {
        await _gate.CreateUserAsync("alice");
        using var client = _gate.CreateClient();

        var wrong = await client.PostJsonAsync("/api/v1/sign-in", new { username = "alice", password = "not-the-password-at-all" });
        var unknown = await client.PostJsonAsync("/api/v1/sign-in", new { username = "mallory", password = "not-the-password-at-all" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal(wrong.Status, unknown.Status);
        Assert.Equal(Strip(wrong.Body), Strip(unknown.Body));
        Assert.Equal(Headers(wrong.Response), Headers(unknown.Response));
        Assert.Equal("signin.failed", wrong.Body.Code());
    }

    [Fact]
    public async Task SignIn_UnknownUser_CostsOnePasswordHashLikeAKnownUser()
    {
        await _gate.CreateUserAsync("alice");
        using var client = _gate.CreateClient();
        var pool = _gate.Services.GetRequiredService<PasswordHashingPool>();

        var before = pool.Completed;
        await client.PostJsonAsync("/api/v1/sign-in", new { username = "alice", password = "not-the-password-at-all" });
        var afterKnown = pool.Completed;
        await client.PostJsonAsync("/api/v1/sign-in", new { username = "nobody-here", password = "not-the-password-at-all" });
        var afterUnknown = pool.Completed;
        await client.PostJsonAsync("/api/v1/sign-in", new { username = "x", password = "not-the-password-at-all" });

        Assert.Equal(1, afterKnown - before);
        Assert.Equal(1, afterUnknown - afterKnown);
        Assert.Equal(1, pool.Completed - afterUnknown);
    }

    [Fact]
    public async Task SignIn_DisabledUserWithCorrectPassword_GetsTheGenericFailure()
    {
        await _gate.CreateUserAsync("alice");
        await _gate.Services.GetRequiredService<UserService>().DisableAsync("alice", "test", CancellationToken.None);
        using var client = _gate.CreateClient();

        var (status, body, _) = await client.PostJsonAsync("/api/v1/sign-in", new { username = "alice", password = TestGate.StrongPassword });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("signin.failed", body.Code());
    }

    [Fact]
    public async Task SignIn_WithKnownDeviceToken_ReusesTheDevice()
    {
        await _gate.CreateUserAsync("alice");
        using var client = _gate.CreateClient();
        var first = await _gate.SignInAsync(client, "alice");

        var second = await _gate.SignInAsync(client, "alice", deviceToken: first.GetProperty("device_token").GetString());

        Assert.False(second.GetProperty("device").GetProperty("new").GetBoolean());
        Assert.Equal(first.GetProperty("device").GetProperty("id").GetString(), second.GetProperty("device").GetProperty("id").GetString());
        Assert.False(second.TryGetProperty("device_token", out _));
    }

    [Fact]
    public async Task SignIn_EachSignInGetsANewSessionIdentifier()
    {
        await _gate.CreateUserAsync("alice");
        using var client = _gate.CreateClient();

        var first = await _gate.SignInAsync(client, "alice");
        var second = await _gate.SignInAsync(client, "alice");

        Assert.NotEqual(first.Token(), second.Token());
        Assert.NotEqual(first.GetProperty("session").GetProperty("id").GetString(), second.GetProperty("session").GetProperty("id").GetString());
    }

    [Fact]
    public async Task SignIn_SuccessAndFailure_AreAuditedBeforeTheAnswer()
    {
        var user = await _gate.CreateUserAsync("alice");
        using var client = _gate.CreateClient();
        await client.PostJsonAsync("/api/v1/sign-in", new { username = "alice", password = "not-the-password-at-all" });
        await client.PostJsonAsync("/api/v1/sign-in", new { username = "ghost", password = "not-the-password-at-all" });
        var signedIn = await _gate.SignInAsync(client, "alice");

        var events = await _gate.ReadAuditAsync();

        Assert.Contains(events, e => e.Type == AuditEventTypes.SignInFailed && e.Code == "bad_password" && e.Subject == Actors.User(user.Id));
        Assert.Contains(events, e => e.Type == AuditEventTypes.SignInFailed && e.Code == "unknown_user" && e.Subject is null &&
            e.Data.Contains("username_fingerprint", StringComparison.Ordinal) && !e.Data.Contains("ghost", StringComparison.Ordinal));
        var sessionId = signedIn.GetProperty("session").GetProperty("id").GetGuid();
        Assert.Contains(events, e => e.Type == AuditEventTypes.SignInSucceeded && e.Actor == Actors.User(user.Id) && e.Subject == Actors.Session(sessionId));
        Assert.Contains(events, e => e.Type == AuditEventTypes.SessionCreated && e.Subject == Actors.Session(sessionId));
        Assert.Contains(events, e => e.Type == AuditEventTypes.DeviceRegistered);
        Assert.All(events, e => Assert.Equal("127.0.0.1", e.Ip ?? "127.0.0.1"));
    }

    [Fact]
    public async Task SignIn_WithHashFromOlderParameters_UpgradesTheStoredHash()
    {
        var user = await _gate.CreateUserAsync("alice");
        var older = new Argon2idPasswordHasher(new PasswordOptions { MemoryKiB = 8192, Iterations = 3 }).Hash(TestGate.StrongPassword);
        var store = _gate.Services.GetRequiredService<IGateStore>();
        await using (var unit = await store.OpenAsync(CancellationToken.None))
        {
            (await unit.Users.FindAsync(user.Id, CancellationToken.None))!.PasswordHash = older;
            await unit.CommitAsync(CancellationToken.None);
        }

        using var client = _gate.CreateClient();
        await _gate.SignInAsync(client, "alice");

        await using var check = await store.OpenAsync(CancellationToken.None);
        var stored = (await check.Users.FindAsync(user.Id, CancellationToken.None))!.PasswordHash;
        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", stored, StringComparison.Ordinal);
        Assert.Contains(await _gate.ReadAuditAsync(), e => e.Type == AuditEventTypes.PasswordRehashed);
        await _gate.SignInAsync(client, "alice");
    }

    private static string Strip(JsonElement problem) =>
        string.Join(",", problem.EnumerateObject().Where(p => p.Name != "trace_id").Select(p => $"{p.Name}={p.Value}"));

    private static string Headers(HttpResponseMessage response) =>
        string.Join(",", response.Headers.Concat(response.Content.Headers).Where(h => h.Key != "Date" && h.Key != "Content-Length")
            .OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key}={string.Join(";", h.Value)}"));
}
