using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Devices;
using Portcullis.Core.Factors;
using Portcullis.Core.Factors.Push;
using Portcullis.Core.Persistence;
using Portcullis.Testing;

namespace Portcullis.Server.Tests;

public sealed class DeviceRegistryTests : IAsyncLifetime
{
    private TestGate _gate = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _gate = await TestGate.StartAsync(new Dictionary<string, string?> { ["SignIn:Network:FreeAttempts"] = "1000" });
        await _gate.CreateUserAsync("alice");
        _client = _gate.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gate.DisposeAsync();
    }

    private async Task<(string Token, string DeviceId)> SignInAsync(string name)
    {
        var (_, body, _) = await _client.PostJsonAsync("/api/v1/sign-in", new { username = "alice", password = TestGate.StrongPassword, device_name = name });
        return (body.Token(), body.GetProperty("device").GetProperty("id").GetString()!);
    }

    [Fact]
    public async Task Devices_ListsEveryClientWithItsSessionsAndMarksThisOne()
    {
        var (laptop, laptopId) = await SignInAsync("Laptop");
        var (_, phoneId) = await SignInAsync("Phone");

        var (status, list, _) = await _client.GetJsonAsync("/api/v1/devices", laptop);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, list.GetArrayLength());
        var mine = list.EnumerateArray().Single(d => d.GetProperty("id").GetString() == laptopId);
        Assert.True(mine.GetProperty("current").GetBoolean());
        Assert.Equal("Laptop", mine.GetProperty("name").GetString());
        Assert.Equal("new", mine.GetProperty("trust").GetString());
        Assert.Equal(1, mine.GetProperty("active_sessions").GetInt32());
        Assert.Equal("127.0.0.1", mine.GetProperty("last_ip").GetString());
        Assert.Contains(list.EnumerateArray(), d => d.GetProperty("id").GetString() == phoneId && !d.GetProperty("current").GetBoolean());
    }

    [Fact]
    public async Task RenamingADevice_ChangesItsName()
    {
        var (token, id) = await SignInAsync("Laptop");

        var (status, device, _) = await _client.SendAsync(HttpMethod.Patch, $"/api/v1/devices/{id}", token, "{\"name\":\"Work laptop\"}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Work laptop", device.GetProperty("name").GetString());
    }

    [Fact]
    public async Task RevokingADevice_RefusesItsSessionOnTheVeryNextRequest()
    {
        var (laptop, _) = await SignInAsync("Laptop");
        var (phone, phoneId) = await SignInAsync("Phone");
        Assert.Equal(HttpStatusCode.OK, (await _client.GetJsonAsync("/api/v1/me", phone)).Status);

        var (status, body, _) = await _client.SendAsync(HttpMethod.Delete, $"/api/v1/devices/{phoneId}", laptop);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("sessions_revoked").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.GetJsonAsync("/api/v1/me", phone)).Status);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetJsonAsync("/api/v1/me", laptop)).Status);
        var (_, list, _) = await _client.GetJsonAsync("/api/v1/devices", laptop);
        Assert.Equal("revoked", list.EnumerateArray().Single(d => d.GetProperty("id").GetString() == phoneId).GetProperty("trust").GetString());
    }

    [Fact]
    public async Task ARevokedDeviceToken_IsNoLongerRecognised()
    {
        var (_, body, _) = await _client.PostJsonAsync("/api/v1/sign-in", new { username = "alice", password = TestGate.StrongPassword });
        var deviceToken = body.GetProperty("device_token").GetString();
        var deviceId = body.GetProperty("device").GetProperty("id").GetString();
        var (other, _) = await SignInAsync("Other");
        await _client.SendAsync(HttpMethod.Delete, $"/api/v1/devices/{deviceId}", other);

        var again = await _gate.SignInAsync(_client, "alice", deviceToken: deviceToken);

        Assert.True(again.GetProperty("device").GetProperty("new").GetBoolean());
        Assert.NotEqual(deviceId, again.GetProperty("device").GetProperty("id").GetString());
    }

    [Fact]
    public async Task RevokingSomeoneElsesDevice_IsNotFound()
    {
        await _gate.CreateUserAsync("bob");
        var bob = await _gate.SignInAsync(_client, "bob");
        var (alice, _) = await SignInAsync("Laptop");

        var (status, body, _) = await _client.SendAsync(HttpMethod.Delete, $"/api/v1/devices/{bob.GetProperty("device").GetProperty("id").GetString()}", alice);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("device.not_found", body.Code());
        Assert.Equal(HttpStatusCode.OK, (await _client.GetJsonAsync("/api/v1/me", bob.Token())).Status);
    }

    [Fact]
    public async Task RevokingAnAuthenticator_RemovesItsFactorAndCancelsItsPendingApprovals()
    {
        // Revoking a device that carries a second factor is a security change: the policy asks for a fresh second factor.
        var token = await _gate.SignInWithTotpAsync(_client, "alice");
        var store = _gate.Services.GetRequiredService<IGateStore>();
        var now = _gate.Time.GetUtcNow();
        Guid deviceId, factorId, challengeId;
        await using (var unit = await store.OpenAsync(CancellationToken.None))
        {
            var user = (await unit.Users.FindByUsernameAsync("alice", CancellationToken.None))!;
            var device = new Device
            {
                Id = Guid.NewGuid(),
                UserId = user.Id,
                Name = "Phone",
                Kind = DeviceKind.Authenticator,
                FirstSeenAt = now,
                LastSeenAt = now,
                Trust = DeviceTrust.Trusted,
            };
            var factor = new Factor
            {
                Id = Guid.NewGuid(),
                UserId = user.Id,
                Kind = FactorKind.Push,
                Name = "Phone",
                CreatedAt = now,
                Status = FactorStatus.Active,
                DeviceId = device.Id,
                PublicKey = new byte[32],
            };
            var challenge = new PushChallenge
            {
                Id = Guid.NewGuid(),
                UserId = user.Id,
                FactorId = factor.Id,
                DeviceId = device.Id,
                Number = 42,
                Choices = "17,42,88",
                Nonce = new byte[16],
                Summary = "Sign in",
                CreatedAt = now,
                ExpiresAt = now.AddMinutes(2),
            };
            unit.Devices.Add(device);
            unit.Factors.Add(factor);
            unit.PushChallenges.Add(challenge);
            await unit.CommitAsync(CancellationToken.None);
            (deviceId, factorId, challengeId) = (device.Id, factor.Id, challenge.Id);
        }

        var (status, body, _) = await _client.SendAsync(HttpMethod.Delete, $"/api/v1/devices/{deviceId}", token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("factors_removed").GetInt32());
        Assert.Equal(1, body.GetProperty("challenges_cancelled").GetInt32());
        await using var check = await store.OpenAsync(CancellationToken.None);
        Assert.Equal(FactorStatus.Removed, (await check.Factors.FindAsync(factorId, CancellationToken.None))!.Status);
        Assert.Equal(PushChallengeStatus.Cancelled, (await check.PushChallenges.FindAsync(challengeId, CancellationToken.None))!.Status);
        var notifications = await check.Notifications.ListForUserAsync((await check.Users.FindByUsernameAsync("alice", CancellationToken.None))!.Id, 20, CancellationToken.None);
        Assert.Contains(notifications, n => n.Type == "security.device_revoked");
        Assert.Contains(notifications, n => n.Type == "security.factor_removed");
    }
}
