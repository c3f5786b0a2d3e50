using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Accounts;
using Portcullis.Core.Persistence;
using Portcullis.Core.Protection;
using Portcullis.HttpSignatures.Algorithms;
using Portcullis.HttpSignatures.Client;
using Portcullis.Server.Tests.Policy;
using Portcullis.Testing;

namespace Portcullis.Server.Tests.ApiKeys;

/// <summary>
/// Two nodes over one store (docs/protection.md "Cached on each node"): the second node answers a bot's reads from what it
/// keeps of the owner's protection and memberships, and a change made on the first node, or by hand in the database, is
/// seen by the second on its very next request.
/// </summary>
public sealed class SecurityStateCacheTests : PolicyFileTests
{
    private readonly List<IDisposable> _owned = [];
    private TestGate _second = null!;

    protected override string Rules => "";

    protected override IReadOnlyList<string> OpenOperations => ["*.read", "apikey.*", "freeze.*"];

    protected override IReadOnlyList<string> Users => ["alice", "bob"];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _second = await TestGate.StartAsync(new Dictionary<string, string?>
        {
            ["Policy:File"] = PolicyFile,
            ["Storage:DataDirectory"] = Gate.DataDirectory,
        });
    }

    public override async Task DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        await _second.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task AFreezeOnOneNode_RefusesTheKeyOnTheOther_AtItsNextRequest()
    {
        var token = (await Gate.SignInAsync(Client, "alice")).Token();
        var account = await OpenAccountAsync("alice");
        var bot = await BotOnSecondNodeAsync(token);
        var cache = _second.Services.GetRequiredService<SecurityStateCache>();

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(bot, $"/api/v1/accounts/{account:D}/portfolio")).Status);
        var hits = cache.Hits;
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(bot, $"/api/v1/accounts/{account:D}/portfolio")).Status);
        Assert.True(cache.Hits >= hits + 2, "the second read was answered from the node's memory (memberships and protection)");

        var (frozen, _, _) = await Client.PostJsonAsync("/api/v1/me/freezes", new { capabilities = new[] { "api" } }, token);
        Assert.Equal(HttpStatusCode.Created, frozen);

        var (status, problem) = await GetAsync(bot, $"/api/v1/accounts/{account:D}/portfolio");
        Assert.Equal((HttpStatusCode.Forbidden, "policy.frozen"), (status, problem.Code()));
    }

    [Fact]
    public async Task AMembershipGivenOnOneNode_AndTakenAwayByHand_IsSeenByTheOtherAtOnce()
    {
        var account = await OpenAccountAsync("alice");
        var bob = (await Gate.SignInAsync(Client, "bob")).Token();
        var bot = await BotOnSecondNodeAsync(bob);
        var portfolio = $"/api/v1/accounts/{account:D}/portfolio";

        var (stranger, problem) = await GetAsync(bot, portfolio);
        Assert.Equal((HttpStatusCode.NotFound, "account.not_found"), (stranger, problem.Code()));

        await using (var unit = await Gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None))
        {
            var bobId = (await unit.Users.FindByUsernameAsync("bob", CancellationToken.None))!.Id;
            unit.Accounts.AddMember(new AccountMember { AccountId = account, UserId = bobId, Role = AccountRole.Viewer, CreatedAt = Gate.Time.GetUtcNow() });
            await unit.CommitAsync(CancellationToken.None);
        }

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(bot, portfolio)).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(bot, portfolio)).Status);

        // An operator's hand in the database, past the gate: the store's triggers still move bob's security version.
        await using (var connection = new SqliteConnection($"Data Source={Gate.SqliteFile}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM account_members WHERE role = 'Viewer'";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var (gone, goneProblem) = await GetAsync(bot, portfolio);
        Assert.Equal((HttpStatusCode.NotFound, "account.not_found"), (gone, goneProblem.Code()));
    }

    /// <summary>A read-only key created on the first node, signing requests sent to the second.</summary>
    private async Task<HttpClient> BotOnSecondNodeAsync(string token)
    {
        var key = Ed25519HttpKey.Generate();
        _owned.Add(key);
        var (status, body, _) = await Client.PostJsonAsync("/api/v1/api-keys", new
        {
            name = "Bot",
            public_key = Convert.ToBase64String(key.PublicKeyBytes),
            permissions = new[] { "read" },
        }, token);
        Assert.True(status == HttpStatusCode.Created, body.ToString());
        var keyId = body.GetProperty("key").GetProperty("key_id").GetString()!;
        var signing = new SigningHandler(new SigningHandlerOptions { Key = key, KeyId = keyId }, _second.Time)
        {
            InnerHandler = LoopbackSource.Handler(null),
        };
        var client = new HttpClient(signing) { BaseAddress = _second.BaseAddress };
        _owned.Add(client);
        return client;
    }

    private async Task<Guid> OpenAccountAsync(string owner)
    {
        Guid ownerId;
        await using (var unit = await Gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None))
        {
            ownerId = (await unit.Users.FindByUsernameAsync(owner, CancellationToken.None))!.Id;
        }

        var opened = await Gate.Services.GetRequiredService<AccountService>().OpenAsync(ownerId, "Main", "Portcullis Paper Securities LLC", "US", "test",
            CancellationToken.None);
        return opened.Value.Id;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await response.ReadJsonAsync();
    }
}
