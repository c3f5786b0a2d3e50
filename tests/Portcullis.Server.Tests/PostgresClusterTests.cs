using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Accounts;
using Portcullis.HttpSignatures.Algorithms;
using Portcullis.HttpSignatures.Client;
using Portcullis.Testing;

namespace Portcullis.Server.Tests;

/// <summary>
/// Two gate nodes on one PostgreSQL database: revocations, failure counts and (through each user's security version)
/// freezes hold across nodes.
/// </summary>
public sealed class PostgresClusterTests
{
    [SkippableFact]
    public async Task TwoNodes_ShareSessionsRevocationsAndThrottling()
    {
        Skip.IfNot(PostgresDatabase.Available, PostgresDatabase.SkipReason);
        await using var database = await PostgresDatabase.CreateAsync();
        var settings = new Dictionary<string, string?> { ["SignIn:Network:FreeAttempts"] = "1000", ["SignIn:Account:FreeAttempts"] = "2" };
        await using var nodeA = await TestGate.StartAsync(settings, database.ConnectionString);
        await using var nodeB = await TestGate.StartAsync(settings, database.ConnectionString);
        await nodeA.CreateUserAsync("alice");
        using var a = nodeA.CreateClient();
        using var b = nodeB.CreateClient();

        // A session made on one node works on the other, and a revocation on one ends it on both.
        var token = (await nodeA.SignInAsync(a, "alice")).Token();
        Assert.Equal(HttpStatusCode.OK, (await b.GetJsonAsync("/api/v1/me", token)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await b.SendAsync(HttpMethod.Post, "/api/v1/sign-out", token)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await a.GetJsonAsync("/api/v1/me", token)).Status);

        // Failures counted on one node delay attempts on the other.
        for (var i = 0; i < 3; i++)
        {
            var node = i % 2 == 0 ? a : b;
            Assert.Equal(HttpStatusCode.Unauthorized, (await node.PostJsonAsync("/api/v1/sign-in", new { username = "alice", password = "not-the-password-at-all" })).Status);
        }

        var (status, body, _) = await b.PostJsonAsync("/api/v1/sign-in", new { username = "alice", password = TestGate.StrongPassword });
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("signin.throttled", body.Code());
    }

    [SkippableFact]
    public async Task TwoNodes_ConcurrentSignIns_KeepOneIntactAuditChain()
    {
        Skip.IfNot(PostgresDatabase.Available, PostgresDatabase.SkipReason);
        await using var database = await PostgresDatabase.CreateAsync();
        var settings = new Dictionary<string, string?> { ["SignIn:Network:FreeAttempts"] = "1000" };
        await using var nodeA = await TestGate.StartAsync(settings, database.ConnectionString);
        await using var nodeB = await TestGate.StartAsync(settings, database.ConnectionString);
        for (var i = 0; i < 4; i++)
        {
            await nodeA.CreateUserAsync($"user{i}");
        }

        using var a = nodeA.CreateClient();
        using var b = nodeB.CreateClient();
        var attempts = Enumerable.Range(0, 16).Select(i =>
            (i % 2 == 0 ? a : b).PostJsonAsync("/api/v1/sign-in", new { username = $"user{i % 4}", password = TestGate.StrongPassword }));
        var results = await Task.WhenAll(attempts);

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        await using var unit = await ((Portcullis.Core.Persistence.IGateStore)nodeB.Services.GetService(typeof(Portcullis.Core.Persistence.IGateStore))!)
            .OpenAsync(CancellationToken.None);
        var verification = await Portcullis.Core.Audit.AuditVerifier.VerifyAsync(unit.Audit.ReadAllAsync(CancellationToken.None),
            await unit.Audit.GetHeadAsync(CancellationToken.None), CancellationToken.None);
        Assert.True(verification.IsIntact, verification.Detail);
        Assert.True(verification.Count >= 4 + (16 * 3), $"{verification.Count} rows");
    }

    [SkippableFact]
    public async Task TwoNodes_AFreezeOnOne_RefusesTheKeyOnTheOther_AtItsNextRequest()
    {
        Skip.IfNot(PostgresDatabase.Available, PostgresDatabase.SkipReason);
        await using var database = await PostgresDatabase.CreateAsync();
        using var folder = new TempDirectory();
        var settings = new Dictionary<string, string?> { ["Policy:File"] = TestPolicies.Write(folder, TestPolicies.KeysReadsAndFreezes) };
        await using var nodeA = await TestGate.StartAsync(settings, database.ConnectionString);
        await using var nodeB = await TestGate.StartAsync(settings, database.ConnectionString);
        var alice = await nodeA.CreateUserAsync("alice");
        var account = (await nodeA.Services.GetRequiredService<AccountService>().OpenAsync(alice.Id, "Main", "Portcullis Paper Securities LLC", "US",
            "test", CancellationToken.None)).Value.Id;
        using var a = nodeA.CreateClient();
        var token = (await nodeA.SignInAsync(a, "alice")).Token();
        using var key = Ed25519HttpKey.Generate();
        var (created, body, _) = await a.PostJsonAsync("/api/v1/api-keys",
            new { name = "Bot", public_key = Convert.ToBase64String(key.PublicKeyBytes), permissions = new[] { "read" } }, token);
        Assert.True(created == HttpStatusCode.Created, body.ToString());
        using var bot = new HttpClient(new SigningHandler(
            new SigningHandlerOptions { Key = key, KeyId = body.GetProperty("key").GetProperty("key_id").GetString()! }, nodeB.Time)
        {
            InnerHandler = LoopbackSource.Handler(null),
        })
        { BaseAddress = nodeB.BaseAddress };
        var portfolio = $"/api/v1/accounts/{account:D}/portfolio";

        // Node B reads the owner's protection once, then answers from what it keeps.
        Assert.Equal(HttpStatusCode.OK, (await bot.GetAsync(portfolio)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bot.GetAsync(portfolio)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await a.PostJsonAsync("/api/v1/me/freezes", new { capabilities = new[] { "api" } }, token)).Status);

        using var refused = await bot.GetAsync(portfolio);
        var (status, problem) = await refused.ReadJsonAsync();
        Assert.Equal((HttpStatusCode.Forbidden, "policy.frozen"), (status, problem.Code()));
    }
}
