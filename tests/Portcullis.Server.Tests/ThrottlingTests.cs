using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Passwords;
using Portcullis.Core.Users;
using Portcullis.Testing;

namespace Portcullis.Server.Tests;

public sealed class ThrottlingTests
{
    private const string Wrong = "not-the-password-at-all";

    private static async Task<(HttpStatusCode Status, string? Code, int RetryAfter)> TryAsync(HttpClient client, string username,
        string password, string? deviceToken = null)
    {
        var (status, body, response) = await client.PostJsonAsync("/api/v1/sign-in", new { username, password, device_token = deviceToken });
        var retry = response.Headers.RetryAfter?.Delta is { } delta ? (int)delta.TotalSeconds : 0;
        return (status, status == HttpStatusCode.OK ? null : body.Code(), retry);
    }

    [Fact]
    public async Task TwentyWrongPasswords_SlowTheAttacker_ButTheOwnerSignsInAfterTheDelay()
    {
        await using var gate = await TestGate.StartAsync();
        await gate.CreateUserAsync("alice");
        using var attacker = gate.CreateClient();
        var throttled = 0;
        var waited = TimeSpan.Zero;
        for (var failures = 0; failures < 20;)
        {
            var (status, code, retry) = await TryAsync(attacker, "alice", Wrong);
            if (status == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("signin.throttled", code);
                Assert.InRange(retry, 1, 300);
                throttled++;
                waited += TimeSpan.FromSeconds(retry);
                gate.Time.Advance(TimeSpan.FromSeconds(retry));
                continue;
            }

            Assert.Equal(HttpStatusCode.Unauthorized, status);
            failures++;
        }

        Assert.True(throttled >= 14, $"throttled {throttled} times");
        Assert.True(waited >= TimeSpan.FromMinutes(30), $"the attacker waited only {waited}");

        using var owner = gate.CreateClient();
        var early = await TryAsync(owner, "alice", TestGate.StrongPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, early.Status);
        Assert.InRange(early.RetryAfter, 1, 300);

        gate.Time.Advance(TimeSpan.FromSeconds(early.RetryAfter));
        var late = await TryAsync(owner, "alice", TestGate.StrongPassword);
        Assert.Equal(HttpStatusCode.OK, late.Status);
    }

    [Fact]
    public async Task UnknownUsername_IsThrottledExactlyLikeAKnownOne()
    {
        await using var gate = await TestGate.StartAsync(new Dictionary<string, string?> { ["SignIn:Network:FreeAttempts"] = "1000" });
        await gate.CreateUserAsync("alice");
        using var client = gate.CreateClient();

        var known = new List<(HttpStatusCode, string?, int)>();
        var unknown = new List<(HttpStatusCode, string?, int)>();
        for (var i = 0; i < 9; i++)
        {
            known.Add(await TryAsync(client, "alice", Wrong));
            unknown.Add(await TryAsync(client, "ghost", Wrong));
        }

        Assert.Equal(known, unknown);
        Assert.Contains(known, r => r.Item1 == HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task ASuccess_ClearsTheConsecutiveFailures()
    {
        await using var gate = await TestGate.StartAsync(new Dictionary<string, string?> { ["SignIn:Network:FreeAttempts"] = "1000" });
        await gate.CreateUserAsync("alice");
        using var client = gate.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TryAsync(client, "alice", Wrong)).Status);
        }

        Assert.Equal(HttpStatusCode.OK, (await TryAsync(client, "alice", TestGate.StrongPassword)).Status);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TryAsync(client, "alice", Wrong)).Status);
        }
    }

    [Fact]
    public async Task HardStop_RefusesUnrecognisedClients_ButNotTheOwnersKnownDevice()
    {
        await using var gate = await TestGate.StartAsync(new Dictionary<string, string?>
        {
            ["SignIn:HardStopAfter"] = "8",
            ["SignIn:Account:FreeAttempts"] = "3",
            ["SignIn:Account:MaxDelay"] = "00:00:02",
            ["SignIn:Network:FreeAttempts"] = "1000",
        });
        await gate.CreateUserAsync("alice");
        using var owner = gate.CreateClient();
        var deviceToken = (await gate.SignInAsync(owner, "alice")).GetProperty("device_token").GetString();
        using var attacker = gate.CreateClient();
        for (var failures = 0; failures < 8;)
        {
            var attempt = await TryAsync(attacker, "alice", Wrong);
            if (attempt.Status == HttpStatusCode.TooManyRequests)
            {
                gate.Time.Advance(TimeSpan.FromSeconds(attempt.RetryAfter));
                continue;
            }

            failures++;
        }

        gate.Time.Advance(TimeSpan.FromDays(1));
        var stopped = await TryAsync(attacker, "alice", TestGate.StrongPassword);
        Assert.Equal((HttpStatusCode.TooManyRequests, "signin.locked"), (stopped.Status, stopped.Code));

        var fromKnownDevice = await TryAsync(owner, "alice", TestGate.StrongPassword, deviceToken);
        Assert.Equal(HttpStatusCode.OK, fromKnownDevice.Status);
    }

    [Fact]
    public async Task HardStop_IsLiftedByAnOperatorUnlock()
    {
        await using var gate = await TestGate.StartAsync(new Dictionary<string, string?>
        {
            ["SignIn:HardStopAfter"] = "3",
            ["SignIn:Account:FreeAttempts"] = "3",
            ["SignIn:Network:FreeAttempts"] = "1000",
        });
        await gate.CreateUserAsync("alice");
        using var client = gate.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await TryAsync(client, "alice", Wrong);
        }

        Assert.Equal("signin.locked", (await TryAsync(client, "alice", TestGate.StrongPassword)).Code);
        for (var i = 0; i < 3; i++)
        {
            await TryAsync(client, "ghost", Wrong);
        }

        Assert.Equal("signin.locked", (await TryAsync(client, "ghost", Wrong)).Code);

        await gate.Services.GetRequiredService<UserService>().UnlockAsync("alice", "test", CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, (await TryAsync(client, "alice", TestGate.StrongPassword)).Status);
    }

    [Fact]
    public async Task ParallelGuesses_AreChargedBeforeHashing_SoNoneSlipPastTheCount()
    {
        await using var gate = await TestGate.StartAsync(new Dictionary<string, string?>
        {
            ["SignIn:Account:FreeAttempts"] = "3",
            ["SignIn:Network:FreeAttempts"] = "1000",
        });
        await gate.CreateUserAsync("alice");
        var pool = gate.Services.GetRequiredService<PasswordHashingPool>();
        var before = pool.Completed;
        using var client = gate.CreateClient();

        var results = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => TryAsync(client, "alice", Wrong)));

        var evaluated = results.Count(r => r.Status == HttpStatusCode.Unauthorized);
        Assert.InRange(evaluated, 1, 4);
        // The rest were refused before hashing: throttled, or turned away by the full hashing queue.
        Assert.All(results.Where(r => r.Status != HttpStatusCode.Unauthorized), r => Assert.Contains(r.Code, new[] { "signin.throttled", "signin.busy" }));
        Assert.Contains(results, r => r.Code == "signin.throttled");
        Assert.Equal(evaluated, pool.Completed - before);
    }

    [Fact]
    public async Task ManyUsernamesFromOneAddress_ThrottleThatAddressOnly()
    {
        await using var gate = await TestGate.StartAsync(new Dictionary<string, string?> { ["SignIn:Network:FreeAttempts"] = "3" });
        await gate.CreateUserAsync("alice");
        using var sprayer = ClientFrom(gate, IPAddress.Parse("127.0.0.2"));
        // Three free failures; the fourth sets the first delay; the fifth waits.
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TryAsync(sprayer, $"user{i}", Wrong)).Status);
        }

        Assert.Equal("signin.throttled", (await TryAsync(sprayer, "user-next", Wrong)).Code);

        using var elsewhere = gate.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await TryAsync(elsewhere, "alice", TestGate.StrongPassword)).Status);
    }

    private static HttpClient ClientFrom(TestGate gate, IPAddress local)
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(local, 0));
                await socket.ConnectAsync(context.DnsEndPoint.Host == "localhost" ? new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port) : context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        return new HttpClient(handler) { BaseAddress = gate.BaseAddress };
    }
}
