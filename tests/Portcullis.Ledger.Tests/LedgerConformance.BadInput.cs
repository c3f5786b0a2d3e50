using Portcullis.Ledger.Backend;
using Portcullis.Ledger.Orders;

namespace Portcullis.Ledger.Tests;

public abstract partial class LedgerConformance
{
    /// <summary>One valid order (10 ACME at a 95.00 limit), changed one way per case.</summary>
    public static TheoryData<string, OrderRequest, string?> BadOrders => new()
    {
        { "unknown symbol", new("NOPE", "buy", "limit", 10, 95m, TimeInForce: "gtc"), null },
        { "empty symbol", new("", "buy", "limit", 10, 95m, TimeInForce: "gtc"), null },
        { "zero quantity", new("ACME", "buy", "limit", 0, 95m, TimeInForce: "gtc"), null },
        { "negative quantity", new("ACME", "buy", "limit", -10, 95m, TimeInForce: "gtc"), null },
        { "huge quantity", new("ACME", "buy", "limit", decimal.MaxValue, 95m, TimeInForce: "gtc"), null },
        { "tiny quantity (NaN-like)", new("ACME", "buy", "limit", 0.0000000000000000000000000001m, 95m, TimeInForce: "gtc"), null },
        { "fractional lot", new("ACME", "buy", "limit", 10.5m, 95m, TimeInForce: "gtc"), null },
        { "price off tick", new("ACME", "buy", "limit", 10, 95.005m, TimeInForce: "gtc"), null },
        { "zero price", new("ACME", "buy", "limit", 10, 0m, TimeInForce: "gtc"), null },
        { "huge price", new("ACME", "buy", "limit", 10, decimal.MaxValue, TimeInForce: "gtc"), null },
        { "limit without price", new("ACME", "buy", "limit", 10, TimeInForce: "gtc"), null },
        { "market with price", new("ACME", "buy", "market", 10, 95m), null },
        { "stop without stop price", new("ACME", "buy", "stop", 10, TimeInForce: "gtc"), null },
        { "bad side", new("ACME", "short", "limit", 10, 95m, TimeInForce: "gtc"), null },
        { "bad type", new("ACME", "buy", "trailing_stop", 10, 95m, TimeInForce: "gtc"), null },
        { "bad time in force", new("ACME", "buy", "limit", 10, 95m, TimeInForce: "ioc"), null },
        { "insufficient funds", new("ACME", "buy", "limit", 200, 95m, TimeInForce: "gtc"), null },
        { "sell without position", new("ACME", "sell", "limit", 10, 95m, TimeInForce: "gtc"), null },
        { "notional too large", new("ESZ7", "buy", "market", 10_000), null },
        { "bad idempotency key", new("ACME", "buy", "limit", 10, 95m, TimeInForce: "gtc"), "has space" },
    };

    private static readonly Dictionary<string, string> ExpectedCodes = new()
    {
        ["unknown symbol"] = LedgerErrors.UnknownInstrument,
        ["empty symbol"] = LedgerErrors.UnknownInstrument,
        ["zero quantity"] = LedgerErrors.InvalidQuantity,
        ["negative quantity"] = LedgerErrors.InvalidQuantity,
        ["huge quantity"] = LedgerErrors.InvalidQuantity,
        ["tiny quantity (NaN-like)"] = LedgerErrors.InvalidQuantity,
        ["fractional lot"] = LedgerErrors.LotSize,
        ["price off tick"] = LedgerErrors.OffTick,
        ["zero price"] = LedgerErrors.InvalidPrice,
        ["huge price"] = LedgerErrors.InvalidPrice,
        ["limit without price"] = LedgerErrors.InvalidPrice,
        ["market with price"] = LedgerErrors.InvalidPrice,
        ["stop without stop price"] = LedgerErrors.InvalidPrice,
        ["bad side"] = LedgerErrors.InvalidSide,
        ["bad type"] = LedgerErrors.InvalidOrderType,
        ["bad time in force"] = LedgerErrors.InvalidTimeInForce,
        ["insufficient funds"] = LedgerErrors.InsufficientBuyingPower,
        ["sell without position"] = LedgerErrors.InsufficientPosition,
        ["notional too large"] = LedgerErrors.NotionalTooLarge,
        ["bad idempotency key"] = LedgerErrors.InvalidIdempotencyKey,
    };

    [SkippableTheory]
    [MemberData(nameof(BadOrders))]
    public async Task BadOrder_FailsWithItsCode_AndLeavesTheBooksUntouched(string @case, OrderRequest request, string? key)
    {
        using var t = Open();
        var account = await t.NewAccountAsync(usd: 10_000m);
        Assert.True((await t.Ledger.PlaceOrderAsync(account, Limit("buy", 10, 95m), "valid", None)).IsSuccess);
        var before = await BooksAsync(t, account);
        var entriesBefore = (await t.Ledger.CheckAsync(None)).EntriesChecked;

        var result = await t.Ledger.PlaceOrderAsync(account, request, key, None);

        AssertFails(result, ExpectedCodes[@case]);
        Assert.Equal(before, await BooksAsync(t, account));
        Assert.Equal(entriesBefore, (await t.Ledger.CheckAsync(None)).EntriesChecked);
    }

    public static TheoryData<string, string, decimal, string> BadWithdrawals => new()
    {
        { "above balance", "USD", 10_001m, LedgerErrors.InsufficientFunds },
        { "in a currency not held", "EUR", 10m, LedgerErrors.InsufficientFunds },
        { "zero", "USD", 0m, LedgerErrors.InvalidAmount },
        { "negative", "USD", -5m, LedgerErrors.InvalidAmount },
        { "fractions of a cent", "USD", 1.001m, LedgerErrors.InvalidAmount },
        { "bad currency", "usd", 10m, LedgerErrors.InvalidCurrency },
        { "above the per-request limit", "USD", 50_000.01m, LedgerErrors.WithdrawalLimitExceeded },
    };

    [SkippableTheory]
    [MemberData(nameof(BadWithdrawals))]
    public async Task BadWithdrawal_FailsWithItsCode_AndLeavesTheBooksUntouched(string @case, string currency, decimal amount, string code)
    {
        Assert.NotEmpty(@case);
        using var t = Open(o => o.DestinationHold = TimeSpan.Zero);
        var account = await t.NewAccountAsync(usd: 10_000m);
        var destination = (await t.Ledger.AddDestinationAsync(account, "Main bank", "DE89370400440532013000", None)).Value;
        var before = await BooksAsync(t, account);

        AssertFails(await t.Ledger.WithdrawAsync(account, destination.Id, currency, amount, null, None), code);
        AssertFails(await t.Ledger.WithdrawAsync(account, Guid.NewGuid(), "USD", 10m, null, None), LedgerErrors.DestinationNotFound);

        Assert.Equal(before, await BooksAsync(t, account));
    }

    [SkippableFact]
    public async Task UnknownAccount_IsNotFound_Everywhere()
    {
        using var t = Open();
        var nobody = Guid.NewGuid();

        AssertFails(await t.Ledger.PlaceOrderAsync(nobody, Market("buy", 1), null, None), LedgerErrors.AccountNotFound);
        AssertFails(await t.Ledger.DepositAsync(nobody, "USD", 1m, null, None), LedgerErrors.AccountNotFound);
        AssertFails(await t.Ledger.GetPortfolioAsync(nobody, None), LedgerErrors.AccountNotFound);
        AssertFails(await t.Ledger.GetOrdersAsync(nobody, false, None), LedgerErrors.AccountNotFound);
        AssertFails(await t.Ledger.GetFillsAsync(nobody, 0, None), LedgerErrors.AccountNotFound);
        AssertFails(await t.Ledger.AddDestinationAsync(nobody, "x", "DE89370400440532013000", None), LedgerErrors.AccountNotFound);
        AssertFails(await t.Ledger.GetMarginAsync(nobody, None), LedgerErrors.AccountNotFound);
        var existing = await t.NewAccountAsync();
        AssertFails(await t.Ledger.OpenAccountAsync(existing, "USD", "X", "GB", None), LedgerErrors.AccountExists);
        AssertFails(await t.Ledger.OpenAccountAsync(Guid.NewGuid(), "dollars", "X", "GB", None), LedgerErrors.InvalidAccount);
        AssertFails(await t.Ledger.GetQuoteAsync("NOPE", None), LedgerErrors.UnknownInstrument);
        Assert.Equal(100m, (await t.Ledger.GetQuoteAsync("ACME", None)).Value.Price);
    }
}
