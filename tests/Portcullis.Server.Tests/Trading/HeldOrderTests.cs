using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Accounts;
using Portcullis.HttpSignatures.Algorithms;
using Portcullis.HttpSignatures.Client;
using Portcullis.Ledger.Backend;
using Portcullis.Server.Trading;
using Portcullis.Testing;

namespace Portcullis.Server.Tests.Trading;

/// <summary>
/// An order the policy holds (here: any option order, the rule the default policy applies to bots) waits for a
/// number-matched approval on the authenticator and is then placed once in the ledger; a denial places nothing.
/// </summary>
public sealed class HeldOrderTests : PushTests
{
    private const string HoldingPolicy = """
        version: 1
        tiers:
          open:
            proofs: []
            unattended: allow
        rules:
          - name: hold-options
            operations: [order.place]
            when: ["asset_class in [option]"]
            decision: hold
          - name: everything-else
            operations: ["*.read", "order.*", "session.*", "factor.*", "device.*", "operation.*", "apikey.*"]
            tier: open
          - name: default-deny
            operations: ["*"]
            decision: deny
            reason: default_deny
        """;

    private readonly TempDirectory _policyDirectory = new();
    private Guid _account;

    protected override Dictionary<string, string?> GateSettings()
    {
        var file = Path.Combine(_policyDirectory.Path, "policy.yaml");
        File.WriteAllText(file, HoldingPolicy);
        var settings = base.GateSettings();
        settings["Policy:File"] = file;
        return settings;
    }

    private async Task<(string Session, Device Device)> FundedAliceAsync()
    {
        var opened = await Gate.Services.GetRequiredService<AccountService>().OpenAsync(AliceId, "Alice", "Portcullis Paper Securities LLC", "US", "test",
            CancellationToken.None);
        _account = opened.Value.Id;
        await Gate.Services.GetRequiredService<LedgerAccounts>().EnsureAsync(opened.Value, CancellationToken.None);
        Assert.True((await Ledger.DepositAsync(_account, "USD", 100_000m, "seed", CancellationToken.None)).IsSuccess);
        var session = await SessionAsync();
        var device = await EnrolAsync();
        return (session, device);
    }

    private IBrokerageBackend Ledger => Gate.Services.GetRequiredService<IBrokerageBackend>();

    private async Task<(HttpStatusCode Status, JsonElement Body)> PlaceAsync(string session, object order)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/accounts/{_account:D}/orders") { Content = JsonContent.Create(order) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session);
        using var response = await Client.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task AnOptionOrder_IsHeld_ThenPlacedOnceWhenApprovedWithTheRightNumber()
    {
        var (session, device) = await FundedAliceAsync();

        var (status, held) = await PlaceAsync(session, new { symbol = "AAPL-2027-01-C200", side = "buy", type = "market", quantity = 2 });
        var (stock, _) = await PlaceAsync(session, new { symbol = "AAPL", side = "buy", type = "market", quantity = 1 });

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("order.place", held.GetProperty("operation").GetString());
        Assert.StartsWith("Buy 2 AAPL-2027-01-C200 at market (market, day) in account PC-", held.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, stock);
        Assert.Single((await Ledger.GetOrdersAsync(_account, false, CancellationToken.None)).Value); // only the stock order so far

        var challenge = await SingleChallengeAsync(device);
        Assert.Contains("AAPL-2027-01-C200", challenge.GetProperty("summary").GetString(), StringComparison.Ordinal);
        var approval = device.Answer(challenge, "approve", held.GetProperty("number").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await device.PostAnswerAsync(challenge, approval)).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await device.PostAnswerAsync(challenge, approval)).Status);

        var (_, done, _) = await Client.GetJsonAsync($"/api/v1/operations/{held.GetProperty("id").GetString()}", session);
        Assert.Equal("executed", done.GetProperty("status").GetString());
        Assert.Equal("filled", done.GetProperty("result").GetProperty("status").GetString());
        var orders = (await Ledger.GetOrdersAsync(_account, false, CancellationToken.None)).Value;
        Assert.Single(orders, o => o.Symbol == "AAPL-2027-01-C200");
        var audit = await Gate.ReadAuditAsync();
        Assert.Equal(2, audit.Count(e => e.Type == "order.placed"));
    }

    /// <summary>
    /// A bot's held order gives its notional back while it waits; once a person approves it, it counts against the key's
    /// daily notional, from when the bot asked for it.
    /// </summary>
    [Fact]
    public async Task ABotsHeldOrder_CountsAgainstTheKeysDailyNotional_OnceApproved()
    {
        var (session, device) = await FundedAliceAsync();
        using var key = Ed25519HttpKey.Generate();
        var (created, view, _) = await Client.PostJsonAsync("/api/v1/api-keys", new
        {
            name = "Options bot",
            public_key = Convert.ToBase64String(key.PublicKeyBytes),
            permissions = new[] { "read", "trade" },
            asset_classes = new[] { "stock", "option" },
            max_daily_notional = 1_000_000m,
            ip_allowlist = new[] { "127.0.0.1/32" },
        }, session);
        Assert.True(created == HttpStatusCode.Created, view.ToString());
        var keyId = view.GetProperty("key").GetProperty("key_id").GetString()!;
        var id = view.GetProperty("key").GetProperty("id").GetString()!;
        using var bot = new HttpClient(new SigningHandler(new SigningHandlerOptions { Key = key, KeyId = keyId }, Gate.Time)
        {
            InnerHandler = LoopbackSource.Handler(IPAddress.Loopback),
        })
        { BaseAddress = Gate.BaseAddress };

        using var sent = await bot.PostAsJsonAsync($"/api/v1/accounts/{_account:D}/orders",
            new { symbol = "AAPL-2027-01-C200", side = "buy", type = "market", quantity = 2 });
        var (status, held) = await sent.ReadJsonAsync();
        Assert.True(status == HttpStatusCode.Accepted, held.ToString());
        Assert.Equal(0m, await NotionalAsync());

        var challenge = await SingleChallengeAsync(device);
        var approval = device.Answer(challenge, "approve", held.GetProperty("number").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await device.PostAnswerAsync(challenge, approval)).Status);

        var (_, done, _) = await Client.GetJsonAsync($"/api/v1/operations/{held.GetProperty("id").GetString()}", session);
        Assert.Equal("executed", done.GetProperty("status").GetString());
        var (_, log, _) = await Client.GetJsonAsync($"/api/v1/api-keys/{id}/usage", session);
        var row = log.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("path").GetString()!.EndsWith("/orders", StringComparison.Ordinal));
        Assert.Equal("ok", row.GetProperty("code").GetString());
        var notional = row.GetProperty("notional").GetDecimal();
        Assert.True(notional > 0m, log.ToString());
        Assert.Equal(notional, await NotionalAsync());

        async Task<decimal> NotionalAsync() =>
            (await Client.GetJsonAsync($"/api/v1/api-keys/{id}", session)).Body.GetProperty("usage").GetProperty("notional_last_24h").GetDecimal();
    }

    [Fact]
    public async Task AHeldOrder_Denied_PlacesNothing()
    {
        var (session, device) = await FundedAliceAsync();

        var (status, held) = await PlaceAsync(session, new { symbol = "AAPL-2027-01-C200", side = "buy", type = "market", quantity = 2 });
        var challenge = await SingleChallengeAsync(device);
        Assert.Equal(HttpStatusCode.OK, (await device.AnswerAsync(challenge, "deny", null)).Status);

        Assert.Equal(HttpStatusCode.Accepted, status);
        var (_, done, _) = await Client.GetJsonAsync($"/api/v1/operations/{held.GetProperty("id").GetString()}", session);
        Assert.NotEqual("executed", done.GetProperty("status").GetString());
        Assert.Empty((await Ledger.GetOrdersAsync(_account, false, CancellationToken.None)).Value);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _policyDirectory.Dispose();
    }
}
