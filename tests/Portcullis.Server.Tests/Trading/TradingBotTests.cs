using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Client;
using Portcullis.Core.Accounts;
using Portcullis.Ledger.Backend;
using Portcullis.Server.Trading;
using Portcullis.Testing;

namespace Portcullis.Server.Tests.Trading;

/// <summary>
/// A bot trading through the gate under the default policy with a key made client-side (<see cref="ApiKeyFile"/>) and
/// requests signed by <see cref="PortcullisHttpClient"/>: orders within the key's scopes fill; an option order is held for a
/// person (refused here, with no authenticator to approve it); orders outside the key's limits and money movements are refused.
/// </summary>
public sealed class TradingBotTests : IAsyncLifetime
{
    private const string Origin = "http://localhost:5080";

    private TestGate _gate = null!;
    private HttpClient _client = null!;
    private HttpClient _bot = null!;
    private Guid _account;
    private string _keyId = null!;

    public async Task InitializeAsync()
    {
        _gate = await TestGate.StartAsync(new Dictionary<string, string?> { ["Factors:WebAuthn:Origins:0"] = Origin });
        var alice = await _gate.CreateUserAsync("alice");
        var opened = await _gate.Services.GetRequiredService<AccountService>().OpenAsync(alice.Id, "Alice", "Portcullis Paper Securities LLC", "US", "test",
            CancellationToken.None);
        _account = opened.Value.Id;
        await _gate.Services.GetRequiredService<LedgerAccounts>().EnsureAsync(opened.Value, CancellationToken.None);
        Assert.True((await _gate.Services.GetRequiredService<IBrokerageBackend>().DepositAsync(_account, "USD", 100_000m, null, CancellationToken.None)).IsSuccess);
        _client = _gate.CreateClient();

        using var securityKey = new SoftwareAuthenticator(Origin);
        var session = (await _gate.RegisterSecurityKeyAsync(_client, "alice", securityKey)).Token();
        var file = ApiKeyFile.Generate(ApiKeyFile.Ed25519);
        var (status, created, _) = await _client.PostJsonAsync("/api/v1/api-keys", new
        {
            name = "Rebalancer",
            public_key = file.PublicKeyPem(),
            permissions = new[] { "read", "trade" },
            symbols = new[] { "AAPL", "AAPL-2027-01-C200" },
            max_order_notional = 5_000m,
            ip_allowlist = new[] { "127.0.0.1/32" },
        }, session);
        Assert.True(status == HttpStatusCode.Created, created.ToString());
        _keyId = created.GetProperty("key").GetProperty("key_id").GetString()!;
        _bot = PortcullisHttpClient.Create(_gate.BaseAddress, file with { KeyId = _keyId }, time: _gate.Time);
    }

    public async Task DisposeAsync()
    {
        _bot.Dispose();
        _client.Dispose();
        await _gate.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> BotAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await _bot.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private string Orders => $"/api/v1/accounts/{_account:D}/orders";

    [Fact]
    public async Task ASignedOrder_WithinTheKeysScopes_Fills_AndIsAuditedAsTheKey()
    {
        var (quoteStatus, _) = await BotAsync(HttpMethod.Get, "/api/v1/quotes/AAPL");
        var (status, order) = await BotAsync(HttpMethod.Post, Orders, new { symbol = "AAPL", side = "buy", type = "market", quantity = 10 });
        var (portfolioStatus, portfolio) = await BotAsync(HttpMethod.Get, $"/api/v1/accounts/{_account:D}/portfolio");

        Assert.Equal(HttpStatusCode.OK, quoteStatus);
        Assert.True(status == HttpStatusCode.Created, order.ToString());
        Assert.Equal("filled", order.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, portfolioStatus);
        Assert.Single(portfolio.GetProperty("positions").EnumerateArray());
        var audit = await _gate.ReadAuditAsync();
        Assert.Contains(audit, e => e.Type == "order.placed" && e.Actor == $"apikey:{_keyId}");
    }

    [Fact]
    public async Task ABotsOptionOrder_IsHeldForAPerson_AndRefusedWithoutAnAuthenticatorToApprove()
    {
        var (status, problem) = await BotAsync(HttpMethod.Post, Orders, new { symbol = "AAPL-2027-01-C200", side = "buy", type = "market", quantity = 1 });

        Assert.Equal((HttpStatusCode.Forbidden, "policy.approval_unavailable"), (status, problem.GetProperty("code").GetString()));
        Assert.Equal("bot-derivatives", problem.GetProperty("rule").GetString());
        Assert.Empty((await _gate.Services.GetRequiredService<IBrokerageBackend>().GetOrdersAsync(_account, false, CancellationToken.None)).Value);
    }

    [Theory]
    [InlineData("MSFT", 1, "apikey.out_of_scope")]
    [InlineData("AAPL", 100, "apikey.limit_exceeded")]
    public async Task AnOrderOutsideTheKeysScopesOrLimits_IsRefused_AndPlacesNothing(string symbol, int quantity, string code)
    {
        var (status, problem) = await BotAsync(HttpMethod.Post, Orders, new { symbol, side = "buy", type = "market", quantity });

        Assert.Equal((HttpStatusCode.Forbidden, code), (status, problem.GetProperty("code").GetString()));
        Assert.Empty((await _gate.Services.GetRequiredService<IBrokerageBackend>().GetOrdersAsync(_account, false, CancellationToken.None)).Value);
    }

    [Fact]
    public async Task AKey_CannotMoveMoneyOrChangeMargin()
    {
        var (withdraw, withdrawProblem) = await BotAsync(HttpMethod.Post, $"/api/v1/accounts/{_account:D}/withdrawals", new { destination_id = Guid.NewGuid(), amount = 10m });
        var (margin, marginProblem) = await BotAsync(HttpMethod.Put, $"/api/v1/accounts/{_account:D}/margin", new { mode = "margin", leverage = 2m });

        Assert.Equal(HttpStatusCode.Forbidden, withdraw);
        Assert.StartsWith("apikey.", withdrawProblem.GetProperty("code").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, margin);
        Assert.StartsWith("apikey.", marginProblem.GetProperty("code").GetString(), StringComparison.Ordinal);
    }
}
