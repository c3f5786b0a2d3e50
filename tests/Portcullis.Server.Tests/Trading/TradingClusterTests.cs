using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Accounts;
using Portcullis.Core.Audit;
using Portcullis.Ledger.Backend;
using Portcullis.Server.Trading;
using Portcullis.Testing;

namespace Portcullis.Server.Tests.Trading;

/// <summary>Two gate nodes on one PostgreSQL database, with the ledger in it: orders placed on either node are confirmed once.</summary>
public sealed class TradingClusterTests
{
    [SkippableFact]
    public async Task FillsFromBothNodes_AreConfirmedExactlyOnce_WhileBothNodesConfirm()
    {
        Skip.IfNot(PostgresDatabase.Available, PostgresDatabase.SkipReason);
        await using var database = await PostgresDatabase.CreateAsync();
        var settings = new Dictionary<string, string?> { ["SignIn:Network:FreeAttempts"] = "1000" };
        await using var nodeA = await TestGate.StartAsync(settings, database.ConnectionString);
        await using var nodeB = await TestGate.StartAsync(settings, database.ConnectionString);
        var alice = await nodeA.CreateUserAsync("alice");
        var account = (await nodeA.Services.GetRequiredService<AccountService>().OpenAsync(alice.Id, "Alice", "Portcullis Paper Securities LLC", "US",
            "test", CancellationToken.None)).Value;
        await nodeA.Services.GetRequiredService<LedgerAccounts>().EnsureAsync(account, CancellationToken.None);
        Assert.True((await nodeA.Services.GetRequiredService<IBrokerageBackend>().DepositAsync(account.Id, "USD", 100_000m, null, CancellationToken.None)).IsSuccess);
        using var a = nodeA.CreateClient();
        using var b = nodeB.CreateClient();
        var token = await nodeA.SignInWithTotpAsync(a, "alice");

        for (var i = 0; i < 6; i++)
        {
            var (status, body, _) = await (i % 2 == 0 ? a : b).PostJsonAsync($"/api/v1/accounts/{account.Id:D}/orders",
                new { symbol = "MSFT", side = "buy", type = "market", quantity = 1 }, token);
            Assert.True(status == HttpStatusCode.Created, body.ToString());
        }

        var passes = Enumerable.Range(0, 8).Select(i =>
            (i % 2 == 0 ? nodeA : nodeB).Services.GetRequiredService<TradeConfirmations>().ConfirmPendingAsync(CancellationToken.None));
        var confirmed = await Task.WhenAll(passes);

        var audit = await nodeB.ReadAuditAsync();
        Assert.Equal(6, audit.Count(e => e.Type == AuditEventTypes.TradeExecuted));
        Assert.True(confirmed.Sum() <= 6, string.Join(",", confirmed));
        Assert.Equal(0, await nodeB.Services.GetRequiredService<TradeConfirmations>().ConfirmPendingAsync(CancellationToken.None));
        var (_, feed, _) = await b.GetJsonAsync("/api/v1/me/notifications?limit=50", token);
        Assert.Equal(6, feed.GetProperty("items").EnumerateArray().Count(n => n.GetProperty("type").GetString() == "trade.executed"));
    }
}
