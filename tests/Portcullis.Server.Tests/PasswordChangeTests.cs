using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Passwords;
using Portcullis.Core.Persistence;
using Portcullis.Core.Sessions;
using Portcullis.Core.SignIn;
using Portcullis.Core.Users;
using Portcullis.Testing;

namespace Portcullis.Server.Tests;

public sealed class PasswordChangeTests : IAsyncLifetime
{
    private const string NewPassword = "amber-otter-viaduct-91-gravel";
    private TestGate _gate = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _gate = await TestGate.StartAsync();
        _client = _gate.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gate.DisposeAsync();
    }

    [Fact]
    public async Task OneTimePassword_RestrictsTheSessionUntilChanged()
    {
        var created = await _gate.Services.GetRequiredService<UserService>()
            .CreateAsync(new NewUser("carol", "Carol", UserRole.AccountHolder), "test", CancellationToken.None);
        var oneTime = created.Value.OneTimePassword!;
        var signIn = await _gate.SignInAsync(_client, "carol", oneTime);
        Assert.True(signIn.GetProperty("session").GetProperty("password_change_required").GetBoolean());
        var token = signIn.Token();

        var (blocked, problem, _) = await _client.GetJsonAsync("/api/v1/sessions", token);
        Assert.Equal(HttpStatusCode.Forbidden, blocked);
        Assert.Equal("session.password_change_required", problem.Code());
        Assert.Equal(HttpStatusCode.OK, (await _client.GetJsonAsync("/api/v1/me", token)).Status);

        var (changed, body, _) = await _client.PostJsonAsync("/api/v1/me/password", new { current_password = oneTime, new_password = NewPassword }, token);

        Assert.Equal(HttpStatusCode.OK, changed);
        var fresh = body.Token();
        Assert.False(body.GetProperty("session").GetProperty("password_change_required").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await _client.GetJsonAsync("/api/v1/sessions", fresh)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.GetJsonAsync("/api/v1/me", token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostJsonAsync("/api/v1/sign-in", new { username = "carol", password = NewPassword })).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.PostJsonAsync("/api/v1/sign-in", new { username = "carol", password = oneTime })).Status);
    }

    [Fact]
    public async Task ChangingThePassword_RevokesEveryOtherSession()
    {
        await _gate.CreateUserAsync("alice");
        var other = (await _gate.SignInAsync(_client, "alice")).Token();
        var mine = (await _gate.SignInAsync(_client, "alice")).Token();

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/me/password",
            new { current_password = TestGate.StrongPassword, new_password = NewPassword }, mine);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.GetJsonAsync("/api/v1/me", other)).Status);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetJsonAsync("/api/v1/me", body.Token())).Status);
    }

    [Theory]
    [InlineData("short-pass", "password.too_short")]
    [InlineData("password12345678", "password.blocklisted")]
    [InlineData("alice-is-my-password-now", "password.context_specific")]
    [InlineData("zzzzzzzzzzzzzzzzzzzz", "password.repetitive")]
    public async Task ChangingToAWeakPassword_IsRefusedWithItsReason(string weak, string code)
    {
        await _gate.CreateUserAsync("alice");
        var token = (await _gate.SignInAsync(_client, "alice")).Token();

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/me/password", new { current_password = TestGate.StrongPassword, new_password = weak }, token);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(code, body.Code());
    }

    [Fact]
    public async Task ChangingWithAWrongCurrentPassword_IsRefused()
    {
        await _gate.CreateUserAsync("alice");
        var token = (await _gate.SignInAsync(_client, "alice")).Token();

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/me/password", new { current_password = "not-the-password-at-all", new_password = NewPassword }, token);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("password.current_incorrect", body.Code());
        Assert.Equal(HttpStatusCode.OK, (await _client.GetJsonAsync("/api/v1/me", token)).Status);
    }

    [Fact]
    public async Task APasswordChange_HashesTheNewPasswordInTheCurrentOnesPlaceInTheQueue()
    {
        // One work item for both hashes: a change whose current password was verified cannot be refused as busy afterwards.
        await _gate.CreateUserAsync("alice");
        var token = (await _gate.SignInAsync(_client, "alice")).Token();
        var pool = _gate.Services.GetRequiredService<PasswordHashingPool>();
        var before = pool.Completed;

        var (status, _, _) = await _client.PostJsonAsync("/api/v1/me/password", new { current_password = TestGate.StrongPassword, new_password = NewPassword }, token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(before + 1, pool.Completed);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostJsonAsync("/api/v1/sign-in", new { username = "alice", password = NewPassword })).Status);
    }

    [Fact]
    public async Task ARightCurrentPassword_IsSettled_WhenTheSessionEndedBeforeTheChange()
    {
        var (current, users, _) = await SessionThatEndsAsync();

        var changed = await users.ChangePasswordAsync(current, TestGate.StrongPassword, NewPassword, null, CancellationToken.None);

        Assert.Equal(SessionErrors.NotFoundCode, changed.Error?.Code);
        Assert.Null(await CounterAsync(ThrottleKeys.ForUsername("alice")));
    }

    [Fact]
    public async Task ARightPassword_IsSettled_WhenTheSessionEndedBeforeItsReauthentication()
    {
        var (current, _, signIn) = await SessionThatEndsAsync();

        var reauthenticated = await signIn.ReauthenticateAsync(current, TestGate.StrongPassword, null, CancellationToken.None);

        Assert.Equal(SessionErrors.NotFoundCode, reauthenticated.Error?.Code);
        Assert.Null(await CounterAsync(ThrottleKeys.ForDevice(current.Session.DeviceId!.Value))); // the session's device: it counts there
    }

    /// <summary>A session read as a request would read it, then signed out before the request goes on.</summary>
    private async Task<(SessionContext Current, UserService Users, SignInService SignIn)> SessionThatEndsAsync()
    {
        await _gate.CreateUserAsync("alice");
        var token = (await _gate.SignInAsync(_client, "alice")).Token();
        var current = (await _gate.Services.GetRequiredService<SessionService>().AuthenticateAsync(token, CancellationToken.None))!;
        Assert.Equal(HttpStatusCode.NoContent, (await _client.SendAsync(HttpMethod.Post, "/api/v1/sign-out", token)).Status);
        return (current, _gate.Services.GetRequiredService<UserService>(), _gate.Services.GetRequiredService<SignInService>());
    }

    /// <summary>A throttle counter: none once a right password is settled (its charge in advance is taken back).</summary>
    private async Task<ThrottleCounter?> CounterAsync(string key)
    {
        await using var unit = await _gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        return await unit.Throttle.FindAsync(key, CancellationToken.None);
    }
}
