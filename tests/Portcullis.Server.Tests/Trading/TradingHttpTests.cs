using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Accounts;
using Portcullis.Core.Audit;
using Portcullis.Core.Persistence;
using Portcullis.Ledger.Backend;
using Portcullis.Server.Trading;
using Portcullis.Testing;

namespace Portcullis.Server.Tests.Trading;

/// <summary>
/// The trading API over HTTP with the real ledger behind the default policy: small orders fill and are confirmed, large
/// ones ask for a security key (RFC 9470), withdrawals wait for the destination's hold, and bad input leaves the books
/// untouched.
/// </summary>
public sealed class TradingHttpTests : IAsyncLifetime
{
    private const string Origin = "http://localhost:5080";

    private TestGate _gate = null!;
    private HttpClient _client = null!;
    private Guid _account;

    public Task InitializeAsync() => StartAsync(null);

    /// <summary>A gate (with <paramref name="policyFile"/>, or the default policy) and alice's funded account in it.</summary>
    private async Task StartAsync(string? policyFile)
    {
        _gate = await TestGate.StartAsync(new Dictionary<string, string?>
        {
            ["Factors:WebAuthn:Origins:0"] = Origin,
            ["SignIn:Network:FreeAttempts"] = "1000",
            ["Policy:File"] = policyFile,
        });
        var alice = await _gate.CreateUserAsync("alice");
        var opened = await _gate.Services.GetRequiredService<AccountService>().OpenAsync(alice.Id, "Alice", "Portcullis Paper Securities LLC", "US", "test",
            CancellationToken.None);
        _account = opened.Value.Id;
        await _gate.Services.GetRequiredService<LedgerAccounts>().EnsureAsync(opened.Value, CancellationToken.None);
        var deposit = await Ledger.DepositAsync(_account, "USD", 500_000m, "seed", CancellationToken.None);
        Assert.True(deposit.IsSuccess);
        _client = _gate.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gate.DisposeAsync();
    }

    private IBrokerageBackend Ledger => _gate.Services.GetRequiredService<IBrokerageBackend>();

    private string Path(string rest) => $"/api/v1/accounts/{_account:D}/{rest}";

    [Fact]
    public async Task ASmallOrder_Fills_AndItsConfirmationIsAuditedAndInTheFeed()
    {
        var token = await _gate.SignInWithTotpAsync(_client, "alice");

        var (status, order, _) = await SendAsync(HttpMethod.Post, Path("orders"), token, new { symbol = "AAPL", side = "buy", type = "market", quantity = 10 });
        await _gate.Services.GetRequiredService<TradeConfirmations>().ConfirmPendingAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("filled", order.GetProperty("status").GetString());
        var (_, portfolio, _) = await _client.GetJsonAsync(Path("portfolio"), token);
        var position = Assert.Single(portfolio.GetProperty("positions").EnumerateArray());
        Assert.Equal(("AAPL", 10m), (position.GetProperty("symbol").GetString(), position.GetProperty("quantity").GetDecimal()));

        var (_, feed, _) = await _client.GetJsonAsync("/api/v1/me/notifications", token);
        var confirmation = Assert.Single(feed.GetProperty("items").EnumerateArray(), n => n.GetProperty("type").GetString() == "trade.executed");
        Assert.StartsWith("Bought 10 AAPL at ", confirmation.GetProperty("summary").GetString(), StringComparison.Ordinal);
        var audited = await AuditAsync(AuditEventTypes.TradeExecuted);
        Assert.Equal(order.GetProperty("id").GetString(), Assert.Single(audited).GetProperty("order_id").GetString());
        Assert.Single(await AuditAsync(AuditEventTypes.OrderPlaced));

        _gate.Time.Advance(TimeSpan.FromMinutes(1));
        var end = _gate.Time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var (_, report, _) = await _client.GetJsonAsync($"/api/v1/me/activity-report?period=daily&end={end}", token);
        var trade = Assert.Single(report.GetProperty("trades").EnumerateArray());
        Assert.StartsWith("Bought 10 AAPL at ", trade.GetProperty("summary").GetString(), StringComparison.Ordinal);

        // Confirming again finds nothing new: each fill is confirmed once.
        Assert.Equal(0, await _gate.Services.GetRequiredService<TradeConfirmations>().ConfirmPendingAsync(CancellationToken.None));
        Assert.Single(await AuditAsync(AuditEventTypes.TradeExecuted));
    }

    [Fact]
    public async Task ALargeOrder_AsksForASecurityKey_ThenFillsWithOne()
    {
        using var key = new SoftwareAuthenticator(Origin);
        var totp = await _gate.SignInWithTotpAsync(_client, "alice");
        var large = new { symbol = "AAPL", side = "buy", type = "market", quantity = 2000 };

        var (status, problem, response) = await SendAsync(HttpMethod.Post, Path("orders"), totp, large);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("policy.step_up_required", problem.Code());
        Assert.Equal("large-order", problem.GetProperty("rule").GetString());
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Contains("error=\"insufficient_user_authentication\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.Contains("acr_values=\"phishing_resistant\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.Empty((await Ledger.GetOrdersAsync(_account, false, CancellationToken.None)).Value);

        var strong = (await _gate.RegisterSecurityKeyAsync(_client, "alice", key, totp)).Token();
        var (placed, order, _) = await SendAsync(HttpMethod.Post, Path("orders"), strong, large);

        Assert.Equal(HttpStatusCode.Created, placed);
        Assert.Equal("filled", order.GetProperty("status").GetString());
        var decision = (await AuditAsync(AuditEventTypes.PolicyDecided)).Last(d => d.GetProperty("operation").GetString() == "order.place");
        Assert.True(decimal.Parse(decision.GetProperty("notional").ToString(), CultureInfo.InvariantCulture) >= 250_000m);
        Assert.Equal("stock", decision.GetProperty("asset_class").GetString());
        Assert.Equal("NASDAQ", decision.GetProperty("market").GetString());
    }

    [Fact]
    public async Task AWithdrawal_ToADestinationAddedAnHourAgo_IsRefused_AndGoesThroughAfterTheHold()
    {
        using var key = new SoftwareAuthenticator(Origin);
        var device = (await _gate.RegisterSecurityKeyAsync(_client, "alice", key)).GetProperty("device_token").GetString();
        _gate.Time.Advance(TimeSpan.FromHours(25)); // past the cool-down after adding a factor on a new device
        var token = (await _gate.SignInWithSecurityKeyAsync(_client, "alice", key, device)).Token();

        var (added, destination, _) = await SendAsync(HttpMethod.Post, Path("destinations"), token, new { name = "Savings", bank_account = "DE89370400440532013000" });
        Assert.True(added == HttpStatusCode.Created, destination.ToString());
        _gate.Time.Advance(TimeSpan.FromHours(1));
        token = (await _gate.SignInWithSecurityKeyAsync(_client, "alice", key, device)).Token();
        var withdrawal = new { destination_id = destination.GetProperty("id").GetString(), amount = 1_000m };

        var (early, problem, _) = await SendAsync(HttpMethod.Post, Path("withdrawals"), token, withdrawal);

        Assert.Equal((HttpStatusCode.Forbidden, "ledger.destination_on_hold"), (early, problem.Code()));
        Assert.Empty((await Ledger.GetWithdrawalsAsync(_account, CancellationToken.None)).Value);

        _gate.Time.Advance(TimeSpan.FromHours(23));
        token = (await _gate.SignInWithSecurityKeyAsync(_client, "alice", key, device)).Token();
        var (unknown, unknownProblem, _) = await SendAsync(HttpMethod.Post, Path("withdrawals"), token, new { destination_id = Guid.NewGuid(), amount = 10m });
        var (tooMuch, tooMuchProblem, _) = await SendAsync(HttpMethod.Post, Path("withdrawals"), token, withdrawal with { amount = 60_000m });
        var (euros, eurosProblem, _) = await SendAsync(HttpMethod.Post, Path("withdrawals"), token, new { withdrawal.destination_id, amount = 10m, currency = "EUR" });
        var (later, done, _) = await SendAsync(HttpMethod.Post, Path("withdrawals"), token, withdrawal);

        Assert.Equal((HttpStatusCode.NotFound, "ledger.destination_not_found"), (unknown, unknownProblem.Code()));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "ledger.withdrawal_limit_exceeded"), (tooMuch, tooMuchProblem.Code()));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "ledger.invalid_currency"), (euros, eurosProblem.Code()));

        Assert.True(later == HttpStatusCode.Created, done.ToString());
        Assert.Equal(1_000m, done.GetProperty("amount").GetDecimal());
        var (_, feed, _) = await _client.GetJsonAsync("/api/v1/me/notifications", token);
        var types = feed.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("type").GetString()).ToList();
        Assert.Contains("funding.destination_added", types);
        Assert.Contains("funding.withdrawal_requested", types);
        var audit = Assert.Single(await AuditAsync(AuditEventTypes.DestinationAdded));
        Assert.Equal("3000", audit.GetProperty("bank_account_last4").GetString());
        Assert.DoesNotContain("DE89370400440532013000", audit.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWithdrawal_RightAfterAddingASecondFactor_IsRefusedByTheCooldown()
    {
        var token = await _gate.SignInWithTotpAsync(_client, "alice");

        var (status, problem, _) = await SendAsync(HttpMethod.Post, Path("withdrawals"), token, new { destination_id = Guid.NewGuid(), amount = 10m });

        Assert.Equal((HttpStatusCode.Forbidden, "policy.cooldown_active"), (status, problem.Code()));
        Assert.Empty((await Ledger.GetWithdrawalsAsync(_account, CancellationToken.None)).Value);
    }

    [Theory]
    [InlineData("""{"symbol":"NOPE","side":"buy","type":"market","quantity":1}""", HttpStatusCode.UnprocessableEntity, "ledger.unknown_instrument")]
    [InlineData("""{"symbol":"AAPL","side":"buy","type":"market","quantity":0}""", HttpStatusCode.UnprocessableEntity, "ledger.invalid_quantity")]
    [InlineData("""{"symbol":"AAPL","side":"buy","type":"market","quantity":-5}""", HttpStatusCode.UnprocessableEntity, "ledger.invalid_quantity")]
    [InlineData("""{"symbol":"AAPL","side":"buy","type":"market","quantity":1e25}""", HttpStatusCode.UnprocessableEntity, "ledger.invalid_quantity")]
    [InlineData("""{"symbol":"AAPL","side":"buy","type":"market","quantity":NaN}""", HttpStatusCode.BadRequest, "request.malformed_json")]
    [InlineData("""{"symbol":"AAPL","side":"buy","type":"market","quantity":1e400}""", HttpStatusCode.BadRequest, "request.malformed_json")]
    [InlineData("""{"symbol":"AAPL","side":"buy","type":"limit","quantity":1,"limit_price":100.001}""", HttpStatusCode.UnprocessableEntity, "ledger.off_tick")]
    [InlineData("""{"symbol":"AAPL","side":"hold","type":"market","quantity":1}""", HttpStatusCode.BadRequest, "ledger.invalid_side")]
    [InlineData("""{"symbol":"AAPL","side":"buy","type":"market","quantity":3000}""", HttpStatusCode.UnprocessableEntity, "ledger.insufficient_buying_power")]
    [InlineData("""{"symbol":"AAPL","side":"sell","type":"market","quantity":1}""", HttpStatusCode.UnprocessableEntity, "ledger.insufficient_position")]
    [InlineData("""{"symbol":"AAPL","type":"market"}""", HttpStatusCode.BadRequest, "request.invalid")]
    public async Task BadOrders_AreProblemsWithStableCodes_AndLeaveTheBooksUntouched(string body, HttpStatusCode expected, string code)
    {
        using var key = new SoftwareAuthenticator(Origin);
        var token = (await _gate.RegisterSecurityKeyAsync(_client, "alice", key)).Token(); // large enough for the policy to let every case reach the ledger
        var before = await BooksAsync();

        var (status, problem, _) = await _client.SendAsync(HttpMethod.Post, Path("orders"), token, body);

        Assert.Equal((expected, code), (status, problem.Code()));
        Assert.Equal(before, await BooksAsync());
        Assert.True((await _gate.Services.GetRequiredService<ILedgerAdministration>().CheckAsync(CancellationToken.None)).IsConsistent);
    }

    [Fact]
    public async Task ARetriedOrder_WithTheSameIdempotencyKey_FillsOnce_AndADifferentBodyIsAConflict()
    {
        var token = await _gate.SignInWithTotpAsync(_client, "alice");
        var order = new { symbol = "MSFT", side = "buy", type = "market", quantity = 5 };

        var first = await SendAsync(HttpMethod.Post, Path("orders"), token, order, idempotencyKey: "bot-42");
        var retry = await SendAsync(HttpMethod.Post, Path("orders"), token, order, idempotencyKey: "bot-42");
        var different = await SendAsync(HttpMethod.Post, Path("orders"), token, order with { quantity = 6 }, idempotencyKey: "bot-42");

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(first.Body.GetProperty("id").GetString(), retry.Body.GetProperty("id").GetString());
        Assert.Equal((HttpStatusCode.Conflict, "ledger.idempotency_conflict"), (different.Status, different.Body.Code()));
        Assert.Single((await Ledger.GetFillsAsync(_account, 0, CancellationToken.None)).Value);
    }

    [Fact]
    public async Task ARetriedOrder_AndARefusedOne_DoNotUseUpAnOrderCap()
    {
        using var policyFolder = new TempDirectory();
        var policyFile = TestPolicies.Write(policyFolder, TestPolicies.TwoOrdersADay);
        await DisposeAsync();
        await StartAsync(policyFile);
        var token = await _gate.SignInWithTotpAsync(_client, "alice");
        var order = new { symbol = "MSFT", side = "buy", type = "market", quantity = 1 };

        var first = await SendAsync(HttpMethod.Post, Path("orders"), token, order, idempotencyKey: "first");
        var retry = await SendAsync(HttpMethod.Post, Path("orders"), token, order, idempotencyKey: "first");
        var refused = await SendAsync(HttpMethod.Post, Path("orders"), token, order with { quantity = 1_000_000 }, idempotencyKey: "too-big");
        var second = await SendAsync(HttpMethod.Post, Path("orders"), token, order, idempotencyKey: "second");
        var third = await SendAsync(HttpMethod.Post, Path("orders"), token, order, idempotencyKey: "third");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.Status, retry.Status));
        Assert.True(retry.Response.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal(HttpStatusCode.Created, second.Status);
        Assert.Equal((HttpStatusCode.Forbidden, "policy.limit_exceeded"), (third.Status, third.Body.Code()));
        Assert.Equal(2, (await Ledger.GetFillsAsync(_account, 0, CancellationToken.None)).Value.Count);
    }

    [Fact]
    public async Task ALimitOrder_Rests_IsListedOpen_AndCanBeCancelled()
    {
        var token = await _gate.SignInWithTotpAsync(_client, "alice");

        var (placed, order, _) = await SendAsync(HttpMethod.Post, Path("orders"), token, new { symbol = "AAPL", side = "buy", type = "limit", quantity = 1, limit_price = 1.00m, time_in_force = "gtc" });
        var (_, open, _) = await _client.GetJsonAsync(Path("orders?open=true"), token);
        var (cancelled, body, _) = await _client.SendAsync(HttpMethod.Delete, Path($"orders/{order.GetProperty("id").GetString()}"), token);
        var (again, problem, _) = await _client.SendAsync(HttpMethod.Delete, Path($"orders/{order.GetProperty("id").GetString()}"), token);

        Assert.Equal(HttpStatusCode.Created, placed);
        Assert.Equal("open", order.GetProperty("status").GetString());
        Assert.Single(open.GetProperty("items").EnumerateArray());
        Assert.Equal((HttpStatusCode.OK, "cancelled"), (cancelled, body.GetProperty("status").GetString()));
        Assert.Equal((HttpStatusCode.Conflict, "ledger.order_not_open"), (again, problem.Code()));
    }

    [Fact]
    public async Task ADeposit_IsIdempotent_AndMarginNeedsASecurityKey()
    {
        using var key = new SoftwareAuthenticator(Origin);
        var totp = await _gate.SignInWithTotpAsync(_client, "alice");

        var first = await SendAsync(HttpMethod.Post, Path("deposits"), totp, new { amount = 1_000m }, idempotencyKey: "dep-1");
        var retry = await SendAsync(HttpMethod.Post, Path("deposits"), totp, new { amount = 1_000m }, idempotencyKey: "dep-1");
        var (stepUp, stepUpProblem, _) = await SendAsync(HttpMethod.Put, Path("margin"), totp, new { mode = "margin", leverage = 2m });
        var strong = (await _gate.RegisterSecurityKeyAsync(_client, "alice", key, totp)).Token();
        var (changed, margin, _) = await SendAsync(HttpMethod.Put, Path("margin"), strong, new { mode = "margin", leverage = 2m });
        var (tooHigh, tooHighProblem, _) = await SendAsync(HttpMethod.Put, Path("margin"), strong, new { mode = "margin", leverage = 50m });

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.Status, retry.Status));
        var (_, cash, _) = await _client.GetJsonAsync(Path("cash"), totp);
        Assert.Equal(501_000m, Assert.Single(cash.GetProperty("items").EnumerateArray()).GetProperty("amount").GetDecimal());
        Assert.Equal((HttpStatusCode.Unauthorized, "policy.step_up_required"), (stepUp, stepUpProblem.Code()));
        Assert.Equal(HttpStatusCode.OK, changed);
        Assert.Equal(("margin", 2m), (margin.GetProperty("mode").GetString(), margin.GetProperty("leverage").GetDecimal()));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "ledger.invalid_leverage"), (tooHigh, tooHighProblem.Code()));
        Assert.Single(await AuditAsync(AuditEventTypes.MarginChanged));
    }

    [Fact]
    public async Task AnotherUsersAccount_IsNotFound_AndAViewerCannotTrade()
    {
        var bob = await _gate.CreateUserAsync("bob");
        var bobs = await _gate.Services.GetRequiredService<AccountService>().OpenAsync(bob.Id, "Bob", "Portcullis Paper Securities LLC", "US", "test", CancellationToken.None);
        await using (var unit = await _gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None))
        {
            unit.Accounts.AddMember(new AccountMember { AccountId = _account, UserId = bob.Id, Role = AccountRole.Viewer, CreatedAt = _gate.Time.GetUtcNow() });
            await unit.CommitAsync(CancellationToken.None);
        }

        var alice = await _gate.SignInWithTotpAsync(_client, "alice");
        var viewer = await _gate.SignInWithTotpAsync(_client, "bob");

        var (stranger, missing, _) = await _client.GetJsonAsync($"/api/v1/accounts/{bobs.Value.Id:D}/portfolio", alice);
        var (unknown, _, _) = await _client.GetJsonAsync($"/api/v1/accounts/{Guid.NewGuid():D}/portfolio", alice);
        var (reads, _, _) = await _client.GetJsonAsync(Path("portfolio"), viewer);
        var (trades, refused, _) = await SendAsync(HttpMethod.Post, Path("orders"), viewer, new { symbol = "AAPL", side = "buy", type = "market", quantity = 1 });

        Assert.Equal((HttpStatusCode.NotFound, "account.not_found"), (stranger, missing.Code()));
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal(HttpStatusCode.OK, reads);
        Assert.Equal((HttpStatusCode.Forbidden, "account.role_insufficient"), (trades, refused.Code()));
    }

    [Fact]
    public async Task InstrumentsQuotesAndStatement_AreReadable()
    {
        var token = await _gate.SignInWithTotpAsync(_client, "alice");

        var (_, instruments, _) = await _client.GetJsonAsync("/api/v1/instruments", token);
        var (_, quote, _) = await _client.GetJsonAsync("/api/v1/quotes/AAPL", token);
        var (unknown, problem, _) = await _client.GetJsonAsync("/api/v1/quotes/NOPE", token);
        var (_, statement, _) = await _client.GetJsonAsync(Path("statement"), token);

        var classes = instruments.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("asset_class").GetString()).ToHashSet();
        Assert.True(classes.SetEquals(["stock", "option", "future", "forex", "bond"]), string.Join(", ", classes));
        Assert.True(quote.GetProperty("price").GetDecimal() > 0);
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "ledger.unknown_instrument"), (unknown, problem.Code()));
        Assert.Single(statement.GetProperty("entries").EnumerateArray()); // the seed deposit
    }

    [Fact]
    public void EveryLedgerCode_HasItsOwnHttpStatus()
    {
        Assert.All(LedgerErrors.All, code => Assert.Contains(code, Portcullis.Server.Http.ProblemCatalog.Codes));
    }

    private async Task<string> BooksAsync()
    {
        var portfolio = await Ledger.GetPortfolioAsync(_account, CancellationToken.None);
        var orders = await Ledger.GetOrdersAsync(_account, false, CancellationToken.None);
        var statement = await Ledger.GetStatementAsync(_account, _gate.Time.GetUtcNow().AddDays(-1), _gate.Time.GetUtcNow().AddDays(1), CancellationToken.None);
        return JsonSerializer.Serialize(new { portfolio = portfolio.Value, orders = orders.Value, statement = statement.Value });
    }

    private async Task<List<JsonElement>> AuditAsync(string type)
    {
        await using var unit = await _gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        var list = new List<JsonElement>();
        await foreach (var e in unit.Audit.ReadAllAsync(CancellationToken.None))
        {
            if (e.Type == type)
            {
                list.Add(JsonDocument.Parse(e.Data).RootElement.Clone());
            }
        }

        return list;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, string token,
        object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response);
    }
}
