using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Accounts;
using Portcullis.Core.ApiKeys;
using Portcullis.Core.Persistence;
using Portcullis.HttpSignatures.Algorithms;
using Portcullis.HttpSignatures.Client;
using Portcullis.Ledger.Backend;
using Portcullis.Server.Auth.ApiKeys;
using Portcullis.Server.Tests.Policy;
using Portcullis.Server.Trading;
using Portcullis.Testing;

namespace Portcullis.Server.Tests.ApiKeys;

/// <summary>
/// A key's usage over real HTTP (docs/api-keys.md "Usage log"): the paged log with decision codes, exact counters under
/// concurrency, one announcement per new address, and the accumulated daily notional, which only accepted orders use up.
/// </summary>
public sealed class ApiKeyUsageTests : PolicyFileTests
{
    private readonly List<IDisposable> _owned = [];
    private Guid _account;

    protected override string Rules => "";

    protected override IReadOnlyList<string> OpenOperations => ["*.read", "apikey.*", "order.*"];

    protected override IReadOnlyList<string> Users => ["alice", "bob"];

    public override async Task DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        await base.DisposeAsync();
    }

    private async Task<string> SignInAsync(string user = "alice") => (await Gate.SignInAsync(Client, user)).Token();

    /// <summary>Alice's key: read and trade, AAPL only, usable from 127.0.0.1 and 127.0.0.2.</summary>
    private async Task<(string Id, string KeyId, HttpSignatureKey Key)> CreateKeyAsync(string token, decimal? maxDailyNotional = null)
    {
        var key = Ed25519HttpKey.Generate();
        _owned.Add(key);
        var (status, body, _) = await Client.PostJsonAsync("/api/v1/api-keys", new
        {
            name = "Bot",
            public_key = Convert.ToBase64String(key.PublicKeyBytes),
            permissions = new[] { "read", "trade" },
            symbols = new[] { "AAPL" },
            max_daily_notional = maxDailyNotional,
            ip_allowlist = new[] { "127.0.0.1/32", "127.0.0.2/32" },
        }, token);
        Assert.True(status == HttpStatusCode.Created, body.ToString());
        var view = body.GetProperty("key");
        return (view.GetProperty("id").GetString()!, view.GetProperty("key_id").GetString()!, key);
    }

    /// <summary>Opens Alice's trading account with 100,000 USD.</summary>
    private async Task OpenAccountAsync()
    {
        Guid alice;
        await using (var unit = await Gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None))
        {
            alice = (await unit.Users.FindByUsernameAsync("alice", CancellationToken.None))!.Id;
        }

        var opened = await Gate.Services.GetRequiredService<AccountService>().OpenAsync(alice, "Alice", "Portcullis Paper Securities LLC", "US", "test",
            CancellationToken.None);
        _account = opened.Value.Id;
        await Gate.Services.GetRequiredService<LedgerAccounts>().EnsureAsync(opened.Value, CancellationToken.None);
        Assert.True((await Gate.Services.GetRequiredService<IBrokerageBackend>().DepositAsync(_account, "USD", 100_000m, null, CancellationToken.None)).IsSuccess);
    }

    /// <summary>A client that signs with <paramref name="key"/> from <paramref name="from"/>; <paramref name="sent"/> sees each request.</summary>
    private HttpClient Signed(HttpSignatureKey key, string keyId, string from = "127.0.0.1", Action<HttpRequestMessage>? sent = null)
    {
        var socket = LoopbackSource.Handler(IPAddress.Parse(from));
        var signing = new SigningHandler(new SigningHandlerOptions { Key = key, KeyId = keyId }, Gate.Time)
        {
            InnerHandler = new Watcher(sent) { InnerHandler = socket },
        };
        var client = new HttpClient(signing) { BaseAddress = Gate.BaseAddress };
        _owned.Add(client);
        return client;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return await response.ReadJsonAsync();
        }
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string path) =>
        await ReadAsync(await client.GetAsync(path));

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string path, string json) =>
        await ReadAsync(await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json")));

    /// <summary>A marketable limit order (it fills at once at the market price of about 190): its notional is quantity × limit.</summary>
    private async Task<(HttpStatusCode Status, JsonElement Body)> OrderAsync(HttpClient bot, string side, int quantity, decimal limit, string symbol = "AAPL") =>
        await PostAsync(bot, $"/api/v1/accounts/{_account:D}/orders", string.Create(CultureInfo.InvariantCulture,
            $$"""{"symbol":"{{symbol}}","side":"{{side}}","type":"limit","quantity":{{quantity}},"limit_price":{{limit}}}"""));

    private async Task<JsonElement> UsageSummaryAsync(string token, string id) =>
        (await Client.GetJsonAsync($"/api/v1/api-keys/{id}", token)).Body.GetProperty("usage");

    private async Task<(HttpStatusCode Status, JsonElement Body)> LogAsync(string token, string id, string query = "")
    {
        var (status, body, _) = await Client.GetJsonAsync($"/api/v1/api-keys/{id}/usage{query}", token);
        return (status, body);
    }

    private static string[] Codes(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()!)];

    [Fact]
    public async Task TheUsageLog_PagesNewestFirst_WithTheDecisionOfEachRequest()
    {
        var token = await SignInAsync();
        var (id, keyId, key) = await CreateKeyAsync(token);
        HttpRequestMessage? last = null;
        var bot = Signed(key, keyId, sent: r => last = r);
        await OpenAccountAsync();

        var (first, _) = await ReadAsync(await bot.GetAsync("/api/v1/me?secret=never-logged"));
        using var replay = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me?secret=never-logged");
        foreach (var name in new[] { "Signature-Input", "Signature" })
        {
            replay.Headers.TryAddWithoutValidation(name, last!.Headers.GetValues(name));
        }

        var (replayed, replayProblem) = await ReadAsync(await Client.SendAsync(replay));
        var (outOfScope, scopeProblem) = await OrderAsync(bot, "buy", 1, 1000m, symbol: "MSFT");
        var (again, _) = await ReadAsync(await bot.GetAsync($"/api/v1/accounts/{_account:D}/portfolio"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first, again));
        Assert.Equal((HttpStatusCode.Unauthorized, "apikey.replayed_nonce"), (replayed, replayProblem.Code()));
        Assert.Equal((HttpStatusCode.Forbidden, "apikey.out_of_scope"), (outOfScope, scopeProblem.Code()));

        var (status, page) = await LogAsync(token, id, "?limit=2");
        var (nextStatus, older) = await LogAsync(token, id, $"?limit=2&before={page.GetProperty("next").GetString()}");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (status, nextStatus));
        Assert.Equal(["ok", "apikey.out_of_scope"], Codes(page));
        Assert.Equal(["apikey.replayed_nonce", "ok"], Codes(older));
        Assert.False(older.TryGetProperty("next", out _));
        var order = page.GetProperty("items")[1];
        Assert.Equal(("POST", $"/api/v1/accounts/{_account:D}/orders", "order.place", "127.0.0.1"),
            (order.GetProperty("method").GetString(), order.GetProperty("path").GetString(), order.GetProperty("operation").GetString(),
                order.GetProperty("ip").GetString()));
        var me = older.GetProperty("items")[1];
        Assert.Equal(("/api/v1/me", "profile.read"), (me.GetProperty("path").GetString(), me.GetProperty("operation").GetString()));
        var usage = await UsageSummaryAsync(token, id);
        Assert.Equal((4, 2, "127.0.0.1"), (usage.GetProperty("request_count").GetInt64(), usage.GetProperty("denial_count").GetInt64(),
            usage.GetProperty("last_used_ip").GetString()));
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=201", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?before=abc", "before")]
    [InlineData("?before=-5", "before")]
    public async Task AnInvalidPage_IsABadRequest_NamingTheField(string query, string field)
    {
        var token = await SignInAsync();
        var (id, _, _) = await CreateKeyAsync(token);

        var (status, problem) = await LogAsync(token, id, query);

        Assert.Equal((HttpStatusCode.BadRequest, "request.invalid"), (status, problem.Code()));
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task AnotherUser_CannotReadTheLog_NorTellItFromAMissingKey()
    {
        var alice = await SignInAsync();
        var (id, _, _) = await CreateKeyAsync(alice);
        var bob = await SignInAsync("bob");

        var (status, problem) = await LogAsync(bob, id);
        var (missing, missingProblem) = await LogAsync(bob, Guid.NewGuid().ToString());
        var (own, _) = await LogAsync(alice, id);

        Assert.Equal((HttpStatusCode.NotFound, "apikey.not_found"), (status, problem.Code()));
        Assert.Equal((HttpStatusCode.NotFound, "apikey.not_found"), (missing, missingProblem.Code()));
        Assert.Equal(problem.GetProperty("detail").GetString(), missingProblem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, own);
    }

    [Fact]
    public async Task TheCounters_AreExact_AfterTwentyConcurrentSignedRequests()
    {
        var token = await SignInAsync();
        var (id, keyId, key) = await CreateKeyAsync(token);
        var bot = Signed(key, keyId);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => i % 2 == 0
            ? GetAsync(bot, "/api/v1/me")
            : PostAsync(bot, "/api/v1/me/password", """{"current_password":"x","new_password":"y"}""")));

        Assert.Equal(10, answers.Count(a => a.Status == HttpStatusCode.OK));
        Assert.Equal(10, answers.Count(a => a.Status == HttpStatusCode.Forbidden && a.Body.Code() == "apikey.operation_not_allowed"));
        var usage = await UsageSummaryAsync(token, id);
        Assert.Equal((20, 10), (usage.GetProperty("request_count").GetInt64(), usage.GetProperty("denial_count").GetInt64()));
        var (_, page) = await LogAsync(token, id);
        Assert.Equal(10, Codes(page).Count(c => c == "ok"));
        Assert.Equal(10, Codes(page).Count(c => c == "apikey.operation_not_allowed"));
    }

    [Fact]
    public async Task TheJournal_WritesEachUseOnce_AnswersEveryRepeatOfAKeysNonceAsAReplay_AndAFailingUseFailsAlone()
    {
        var token = await SignInAsync();
        var (id, keyId, _) = await CreateKeyAsync(token);
        var apiKeyId = Guid.Parse(id);
        var (otherRaw, otherKeyId, _) = await CreateKeyAsync(token);
        var otherId = Guid.Parse(otherRaw);
        var journal = Gate.Services.GetRequiredService<ApiKeyUseJournal>();
        var now = Gate.Time.GetUtcNow();
        ApiKeyUsage Use(Guid key) => new()
        {
            ApiKeyId = key,
            At = now,
            Ip = "127.0.0.1",
            Method = "GET",
            Path = "/api/v1/me",
            Operation = "profile.read",
            Code = ApiKeyUsage.Accepted,
        };

        // 200 uses at once, each of 50 nonces four times, and among them one whose row cannot be written (no such key).
        var uses = Enumerable.Range(0, 200).Select(i => journal.RecordAsync(keyId, $"n{i % 50}", now.AddMinutes(1), Use(apiKeyId))).ToList();
        var orphan = journal.RecordAsync(keyId, "orphan", now.AddMinutes(1), Use(Guid.NewGuid()));
        var later = Enumerable.Range(0, 20).Select(i => journal.RecordAsync(keyId, $"m{i}", now.AddMinutes(1), Use(apiKeyId))).ToList();
        var other = Enumerable.Range(0, 10).Select(i => journal.RecordAsync(otherKeyId, $"n{i}", now.AddMinutes(1), Use(otherId))).ToList();

        await Assert.ThrowsAnyAsync<Exception>(() => orphan);
        var ids = await Task.WhenAll(uses);
        Assert.All(Enumerable.Range(0, 50), n => Assert.Single(Enumerable.Range(0, 200), i => i % 50 == n && ids[i] is not null));
        var laterIds = await Task.WhenAll(later);
        Assert.All(laterIds, laterId => Assert.NotNull(laterId));
        Assert.Null(await journal.RecordAsync(keyId, "n7", now.AddMinutes(1), Use(apiKeyId))); // remembered across batches

        var written = ids.Concat(laterIds).OfType<long>().ToList();
        Assert.Equal(70, written.Distinct().Count());
        await using var unit = await Gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        Assert.Equal(written.Order(), (await unit.ApiKeyUsage.ListAsync(apiKeyId, null, 500, CancellationToken.None)).Select(r => r.Id).Order());
        var key = await unit.ApiKeys.FindAsync(apiKeyId, CancellationToken.None);
        Assert.Equal((70, 0, now, "127.0.0.1"), (key!.RequestCount, key.DenialCount, key.LastUsedAt, key.LastUsedIp));
        Assert.All(await Task.WhenAll(other), otherUse => Assert.NotNull(otherUse)); // the same nonces, another key's
        Assert.Equal(10, (await unit.ApiKeys.FindAsync(otherId, CancellationToken.None))!.RequestCount);
    }

    [Fact]
    public async Task AnAddressTheKeyWasUsedFromBefore_IsNotAnnouncedAgain()
    {
        var token = await SignInAsync();
        var (_, keyId, key) = await CreateKeyAsync(token);

        foreach (var from in new[] { "127.0.0.1", "127.0.0.2", "127.0.0.1", "127.0.0.2" })
        {
            Assert.Equal(HttpStatusCode.OK, (await ReadAsync(await Signed(key, keyId, from).GetAsync("/api/v1/me"))).Status);
        }

        var (_, feed, _) = await Client.GetJsonAsync("/api/v1/me/notifications", token);
        var announced = feed.GetProperty("items").EnumerateArray().Where(n => n.GetProperty("type").GetString() == "apikey.used_from_new_ip").ToList();
        Assert.Equal(2, announced.Count);
    }

    [Fact]
    public async Task TheDailyNotional_AccumulatesOverARolling24Hours()
    {
        var token = await SignInAsync();
        var (id, keyId, key) = await CreateKeyAsync(token, maxDailyNotional: 2_500m);
        var bot = Signed(key, keyId);
        await OpenAccountAsync();

        var (first, firstOrder) = await OrderAsync(bot, "buy", 1, 1000m);
        var (second, _) = await OrderAsync(bot, "buy", 1, 1000m);
        var (third, problem) = await OrderAsync(bot, "buy", 1, 1000m);
        var (upToTheLimit, _) = await OrderAsync(bot, "buy", 1, 500m);

        Assert.True(first == HttpStatusCode.Created, firstOrder.ToString());
        Assert.Equal("filled", firstOrder.GetProperty("status").GetString());
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (second, upToTheLimit));
        Assert.Equal((HttpStatusCode.Forbidden, "apikey.limit_exceeded"), (third, problem.Code()));
        Assert.Contains("maximum daily notional", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(2_500m, (await UsageSummaryAsync(token, id)).GetProperty("notional_last_24h").GetDecimal());

        Gate.Time.Advance(TimeSpan.FromHours(23));
        Assert.Equal(HttpStatusCode.Forbidden, (await OrderAsync(bot, "buy", 1, 1m)).Status);
        Gate.Time.Advance(TimeSpan.FromHours(1));
        var (later, _) = await OrderAsync(bot, "buy", 1, 1000m);

        Assert.Equal(HttpStatusCode.Created, later);
        token = await SignInAsync();
        Assert.Equal(1_000m, (await UsageSummaryAsync(token, id)).GetProperty("notional_last_24h").GetDecimal());
    }

    [Fact]
    public async Task ARefusedOrder_DoesNotUseUpTheDailyNotional()
    {
        var token = await SignInAsync();
        var (id, keyId, key) = await CreateKeyAsync(token, maxDailyNotional: 2_500m);
        var bot = Signed(key, keyId);
        await OpenAccountAsync();

        var (unheld, unheldProblem) = await OrderAsync(bot, "sell", 20, 100m);
        var (outOfScope, scopeProblem) = await OrderAsync(bot, "buy", 2, 1000m, symbol: "MSFT");
        var (within, _) = await OrderAsync(bot, "buy", 2, 1000m);
        var (upToTheLimit, _) = await OrderAsync(bot, "buy", 1, 500m);

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "ledger.insufficient_position"), (unheld, unheldProblem.Code()));
        Assert.Equal((HttpStatusCode.Forbidden, "apikey.out_of_scope"), (outOfScope, scopeProblem.Code()));
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (within, upToTheLimit));
        var (_, page) = await LogAsync(token, id);
        var sell = page.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "ledger.insufficient_position");
        Assert.Equal(2_000m, sell.GetProperty("notional").GetDecimal());
        var usage = await UsageSummaryAsync(token, id);
        Assert.Equal((2_500m, 1L), (usage.GetProperty("notional_last_24h").GetDecimal(), usage.GetProperty("denial_count").GetInt64()));
    }

    /// <summary>
    /// A bot that retries an order (its answer was lost) under the same idempotency key gets the first order back, marked as a
    /// replay; the retry's notional is not counted again against the key's daily notional, and the audit says it was a retry.
    /// </summary>
    [Fact]
    public async Task ARetriedOrder_UnderTheSameIdempotencyKey_CountsItsNotionalOnce()
    {
        var token = await SignInAsync();
        var (id, keyId, key) = await CreateKeyAsync(token, maxDailyNotional: 2_500m);
        var bot = Signed(key, keyId);
        await OpenAccountAsync();

        var first = await IdempotentOrderAsync(bot, "bot-order-1");
        var retry = await IdempotentOrderAsync(bot, "bot-order-1");
        var (another, anotherOrder) = await OrderAsync(bot, "buy", 1, 1000m); // within 2,500 only if the retry counted nothing

        Assert.Equal((HttpStatusCode.Created, false), (first.Status, first.Replayed));
        Assert.Equal((HttpStatusCode.Created, true), (retry.Status, retry.Replayed));
        Assert.Equal(first.Body.GetProperty("id").GetString(), retry.Body.GetProperty("id").GetString());
        Assert.True(another == HttpStatusCode.Created, anotherOrder.ToString());
        token = await SignInAsync();
        Assert.Equal(2_000m, (await UsageSummaryAsync(token, id)).GetProperty("notional_last_24h").GetDecimal());
        var (_, page) = await LogAsync(token, id);
        Assert.Contains("replayed", Codes(page));

        var types = new List<string>();
        await using (var unit = await Gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None))
        {
            await foreach (var e in unit.Audit.ReadAllAsync(CancellationToken.None))
            {
                types.Add(e.Type);
            }
        }

        Assert.Equal((2, 1), (types.Count(t => t == "order.placed"), types.Count(t => t == "order.replayed")));
    }

    private async Task<(HttpStatusCode Status, JsonElement Body, bool Replayed)> IdempotentOrderAsync(HttpClient bot, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/accounts/{_account:D}/orders")
        {
            Content = new StringContent("""{"symbol":"AAPL","side":"buy","type":"limit","quantity":1,"limit_price":1000}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using (request)
        {
            var response = await bot.SendAsync(request);
            var replayed = response.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Single() == "true";
            var (status, body) = await ReadAsync(response);
            return (status, body, replayed);
        }
    }

    private sealed class Watcher(Action<HttpRequestMessage>? sent) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            sent?.Invoke(request);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
