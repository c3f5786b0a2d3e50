using Portcullis.Ledger.Backend;
using Portcullis.Ledger.Orders;

namespace Portcullis.Ledger.Tests;

public abstract partial class LedgerConformance
{
    [SkippableFact]
    public async Task MarketBuy_FillsAtReferencePrice_AndBooksOneBalancedEntry()
    {
        using var t = Open();
        var account = await t.NewAccountAsync(usd: 10_000m);

        var order = await t.Ledger.PlaceOrderAsync(account, Market("buy", 10), null, None);

        Assert.True(order.IsSuccess, order.Error?.Code);
        Assert.Equal(OrderStatus.Filled, order.Value.Status);
        Assert.Equal(100m, order.Value.FillPrice);
        var portfolio = (await t.Ledger.GetPortfolioAsync(account, None)).Value;
        Assert.Equal(9_000m, Cash(portfolio, "USD"));
        var position = Assert.Single(portfolio.Positions);
        Assert.Equal(("ACME", 10m, 100m), (position.Symbol, position.Quantity, position.AverageCost));
        var fill = Assert.Single((await t.Ledger.GetFillsAsync(account, 0, None)).Value);
        Assert.Equal((order.Value.Id, 1_000m), (fill.OrderId, fill.Notional));
        Assert.Contains(await t.Ledger.GetFillsAfterAsync(fill.Sequence - 1, 10, None), f => f.Id == fill.Id);
        var statement = (await t.Ledger.GetStatementAsync(account, TestLedger.Start, TestLedger.Start.AddDays(1), None)).Value;
        var entry = Assert.Single(statement.Entries, e => e.Kind == "fill");
        Assert.Equal(4, entry.Lines.Count);
        Assert.All(entry.Lines.GroupBy(l => (l.Book is Journal.JournalBook.Position or Journal.JournalBook.MarketPosition, l.Asset)), g => Assert.Equal(0m, g.Sum(l => l.Amount)));
        await AssertConsistentAsync(t);
    }

    [SkippableFact]
    public async Task Sell_RealisesProfit_AndKeepsAverageCostOfTheRest()
    {
        using var t = Open();
        var account = await t.NewAccountAsync(usd: 10_000m);
        await t.Ledger.PlaceOrderAsync(account, Market("buy", 10), null, None);
        t.Prices.Set("ACME", 120m);

        var sold = await t.Ledger.PlaceOrderAsync(account, Market("sell", 4), null, None);

        Assert.Equal(OrderStatus.Filled, sold.Value.Status);
        var portfolio = (await t.Ledger.GetPortfolioAsync(account, None)).Value;
        Assert.Equal(9_000m + 480m, Cash(portfolio, "USD"));
        var position = Assert.Single(portfolio.Positions);
        Assert.Equal((6m, 100m, 720m), (position.Quantity, position.AverageCost, position.MarketValue));
        await AssertConsistentAsync(t);
    }

    [SkippableFact]
    public async Task LimitBuy_RestsUntilThePriceCrossesIt_ThenFillsAtTheReferencePrice()
    {
        using var t = Open();
        var account = await t.NewAccountAsync(usd: 10_000m);
        var order = (await t.Ledger.PlaceOrderAsync(account, Limit("buy", 10, 95m), null, None)).Value;
        Assert.Equal(OrderStatus.Open, order.Status);
        Assert.Equal(9_050m, Assert.Single((await t.Ledger.GetPortfolioAsync(account, None)).Value.Cash).Available);

        t.Prices.Set("ACME", 96m);
        await t.Ledger.ProcessPricesAsync(None);
        Assert.Equal(OrderStatus.Open, Assert.Single((await t.Ledger.GetOrdersAsync(account, true, None)).Value).Status);

        t.Prices.Set("ACME", 94m);
        var report = await t.Ledger.ProcessPricesAsync(None);

        Assert.True(report.Filled >= 1);
        var filled = Assert.Single((await t.Ledger.GetOrdersAsync(account, false, None)).Value);
        Assert.Equal((OrderStatus.Filled, 94m), (filled.Status, filled.FillPrice));
        Assert.Equal(9_060m, Cash((await t.Ledger.GetPortfolioAsync(account, None)).Value, "USD"));
        await AssertConsistentAsync(t);
    }

    [SkippableFact]
    public async Task StopSell_TriggersWhenThePriceFallsToIt()
    {
        using var t = Open();
        var account = await t.NewAccountAsync(usd: 10_000m);
        await t.Ledger.PlaceOrderAsync(account, Market("buy", 10), null, None);
        var stop = (await t.Ledger.PlaceOrderAsync(account, new OrderRequest("ACME", "sell", "stop", 10, StopPrice: 90m, TimeInForce: "gtc"), null, None)).Value;
        Assert.Equal(OrderStatus.Open, stop.Status);

        t.Prices.Set("ACME", 91m);
        await t.Ledger.ProcessPricesAsync(None);
        Assert.Single((await t.Ledger.GetOrdersAsync(account, true, None)).Value);

        t.Prices.Set("ACME", 89m);
        await t.Ledger.ProcessPricesAsync(None);

        Assert.Empty((await t.Ledger.GetOrdersAsync(account, true, None)).Value);
        Assert.Equal(9_000m + 890m, Cash((await t.Ledger.GetPortfolioAsync(account, None)).Value, "USD"));
        await AssertConsistentAsync(t);
    }

    [SkippableFact]
    public async Task StopLimitBuy_TriggersAtTheStop_ThenWaitsForTheLimit()
    {
        using var t = Open();
        var account = await t.NewAccountAsync(usd: 10_000m);
        var request = new OrderRequest("ACME", "buy", "stop_limit", 10, LimitPrice: 106m, StopPrice: 105m, TimeInForce: "gtc");
        Assert.Equal(OrderStatus.Open, (await t.Ledger.PlaceOrderAsync(account, request, null, None)).Value.Status);

        t.Prices.Set("ACME", 110m);
        var first = await t.Ledger.ProcessPricesAsync(None);
        var open = Assert.Single((await t.Ledger.GetOrdersAsync(account, true, None)).Value);
        Assert.True(open.StopTriggered);
        Assert.True(first.Triggered >= 1);

        t.Prices.Set("ACME", 105.5m);
        await t.Ledger.ProcessPricesAsync(None);

        var filled = Assert.Single((await t.Ledger.GetOrdersAsync(account, false, None)).Value);
        Assert.Equal((OrderStatus.Filled, 105.5m), (filled.Status, filled.FillPrice));
        await AssertConsistentAsync(t);
    }

    [SkippableFact]
    public async Task Cancel_ReleasesTheReservation_AndOnlyOpenOrdersCanBeCancelled()
    {
        using var t = Open();
        var account = await t.NewAccountAsync(usd: 1_000m);
        var order = (await t.Ledger.PlaceOrderAsync(account, Limit("buy", 10, 90m), null, None)).Value;
        AssertFails(await t.Ledger.PlaceOrderAsync(account, Limit("buy", 2, 90m), null, None), LedgerErrors.InsufficientBuyingPower);

        var cancelled = await t.Ledger.CancelOrderAsync(account, order.Id, None);

        Assert.Equal(OrderStatus.Cancelled, cancelled.Value.Status);
        Assert.Equal(1_000m, Assert.Single((await t.Ledger.GetPortfolioAsync(account, None)).Value.Cash).Available);
        AssertFails(await t.Ledger.CancelOrderAsync(account, order.Id, None), LedgerErrors.OrderNotOpen);
        AssertFails(await t.Ledger.CancelOrderAsync(account, Guid.NewGuid(), None), LedgerErrors.OrderNotFound);
        var other = await t.NewAccountAsync();
        AssertFails(await t.Ledger.CancelOrderAsync(other, order.Id, None), LedgerErrors.OrderNotFound);
    }

    [SkippableFact]
    public async Task Replace_CancelsTheOldOrder_AndOpensTheNewOneAtomically()
    {
        using var t = Open();
        var account = await t.NewAccountAsync(usd: 1_000m);
        var order = (await t.Ledger.PlaceOrderAsync(account, Limit("buy", 5, 90m), null, None)).Value;
        t.Time.Advance(TimeSpan.FromSeconds(1));

        var replaced = await t.Ledger.ReplaceOrderAsync(account, order.Id, new OrderChange(10, LimitPrice: 95m), None);
        Assert.True(replaced.IsSuccess, replaced.Error?.Code);
        Assert.Equal((OrderStatus.Open, 10m, 95m, order.Id), (replaced.Value.Status, replaced.Value.Quantity, replaced.Value.LimitPrice, replaced.Value.ReplacesOrderId));

        var before = await BooksAsync(t, account);
        AssertFails(await t.Ledger.ReplaceOrderAsync(account, replaced.Value.Id, new OrderChange(20, LimitPrice: 95m), None), LedgerErrors.InsufficientBuyingPower);
        AssertFails(await t.Ledger.ReplaceOrderAsync(account, replaced.Value.Id, new OrderChange(10, LimitPrice: 95.001m), None), LedgerErrors.OffTick);
        Assert.Equal(before, await BooksAsync(t, account));

        var orders = (await t.Ledger.GetOrdersAsync(account, false, None)).Value;
        Assert.Equal([OrderStatus.Replaced, OrderStatus.Open], orders.Select(o => o.Status));
    }

    [SkippableFact]
    public async Task DayOrder_ExpiresAtTheCutOff_GtcOrderStays()
    {
        using var t = Open();
        var account = await t.NewAccountAsync(usd: 10_000m);
        var day = (await t.Ledger.PlaceOrderAsync(account, Limit("buy", 1, 90m, tif: "day"), null, None)).Value;
        var gtc = (await t.Ledger.PlaceOrderAsync(account, Limit("buy", 1, 90m, tif: "gtc"), null, None)).Value;
        Assert.Equal(TestLedger.Start.Date.AddHours(21), day.ExpiresAt!.Value.UtcDateTime);

        t.Time.Advance(TimeSpan.FromHours(6)); // 20:00
        await t.Ledger.ProcessPricesAsync(None);
        Assert.Equal(2, (await t.Ledger.GetOrdersAsync(account, true, None)).Value.Count);

        t.Time.Advance(TimeSpan.FromHours(1)); // 21:00
        await t.Ledger.ProcessPricesAsync(None);

        var orders = (await t.Ledger.GetOrdersAsync(account, false, None)).Value.ToDictionary(o => o.Id);
        Assert.Equal(OrderStatus.Expired, orders[day.Id].Status);
        Assert.Equal(OrderStatus.Open, orders[gtc.Id].Status);
    }

    [SkippableFact]
    public async Task IdempotencyKey_SameBodyReturnsTheFirstResult_DifferentBodyIsRefused()
    {
        using var t = Open();
        var account = await t.NewAccountAsync(usd: 10_000m);
        var first = await t.Ledger.PlaceOrderAsync(account, Market("buy", 10), "key-1", None);

        var retry = await t.Ledger.PlaceOrderAsync(account, Market("buy", 10.0m), "key-1", None);
        Assert.Equal(first.Value.Id, retry.Value.Id);
        var books = await BooksAsync(t, account);

        AssertFails(await t.Ledger.PlaceOrderAsync(account, Market("buy", 11), "key-1", None), LedgerErrors.IdempotencyConflict);
        AssertFails(await t.Ledger.PlaceOrderAsync(account, Market("sell", 10), "key-1", None), LedgerErrors.IdempotencyConflict);

        Assert.Equal(books, await BooksAsync(t, account));
        Assert.Single((await t.Ledger.GetFillsAsync(account, 0, None)).Value);
        Assert.Equal(9_000m, Cash((await t.Ledger.GetPortfolioAsync(account, None)).Value, "USD"));
        var other = await t.NewAccountAsync(usd: 10_000m);
        Assert.NotEqual(first.Value.Id, (await t.Ledger.PlaceOrderAsync(other, Market("buy", 10), "key-1", None)).Value.Id);
    }

    [SkippableFact]
    public async Task ConcurrentOrders_CannotOverspend()
    {
        using var t = Open();
        var account = await t.NewAccountAsync(usd: 1_000m);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => t.Ledger.PlaceOrderAsync(account, Market("buy", 2), null, None))));

        Assert.Equal(5, results.Count(r => r.IsSuccess));
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal(LedgerErrors.InsufficientBuyingPower, r.Error!.Code));
        Assert.Equal(0m, Cash((await t.Ledger.GetPortfolioAsync(account, None)).Value, "USD"));
        await AssertConsistentAsync(t);
    }

    [SkippableFact]
    public async Task RestingOrder_ThatCanNoLongerBePaidFor_IsRejectedAtFill()
    {
        using var t = Open();
        var account = await t.NewAccountAsync(usd: 1_000m);
        var stop = (await t.Ledger.PlaceOrderAsync(account, new OrderRequest("ACME", "buy", "stop", 9, StopPrice: 105m, TimeInForce: "gtc"), null, None)).Value;
        Assert.Equal(OrderStatus.Open, stop.Status);

        t.Prices.Set("ACME", 120m); // gapped through the stop: 9 × 120 > 1,000
        var report = await t.Ledger.ProcessPricesAsync(None);

        Assert.True(report.Rejected >= 1);
        var order = Assert.Single((await t.Ledger.GetOrdersAsync(account, false, None)).Value);
        Assert.Equal((OrderStatus.Rejected, LedgerErrors.InsufficientBuyingPower), (order.Status, order.RejectCode));
        Assert.Equal(1_000m, Cash((await t.Ledger.GetPortfolioAsync(account, None)).Value, "USD"));
        await AssertConsistentAsync(t);
    }

    [SkippableFact]
    public async Task Notional_IsQuantityTimesPriceTimesMultiplier_InTheBaseCurrency()
    {
        using var t = Open();
        var account = await t.NewAccountAsync();

        var future = (await t.Ledger.ComputeNotionalAsync(account, new OrderRequest("ESZ7", "buy", "market", 2), None)).Value;
        var sap = (await t.Ledger.ComputeNotionalAsync(account, Limit("buy", 10, 48m, "SAP"), None)).Value;

        Assert.Equal((5_000m, 500_000m, "USD", 500_000m), (future.Price, future.Amount, future.BaseCurrency, future.AmountInBase));
        Assert.Equal((48m, 480m, "EUR", 528m), (sap.Price, sap.Amount, sap.Currency, sap.AmountInBase));
        AssertFails(await t.Ledger.ComputeNotionalAsync(account, Market("buy", 1, "NOPE"), None), LedgerErrors.UnknownInstrument);
    }

    [SkippableFact]
    public async Task CashAccount_PaysInTheInstrumentsCurrency()
    {
        using var t = Open();
        var account = await t.NewAccountAsync(usd: 10_000m);
        AssertFails(await t.Ledger.PlaceOrderAsync(account, Market("buy", 1, "SAP"), null, None), LedgerErrors.InsufficientBuyingPower);

        await t.Ledger.DepositAsync(account, "EUR", 100m, null, None);
        var filled = await t.Ledger.PlaceOrderAsync(account, Market("buy", 2, "SAP"), null, None);

        Assert.Equal(OrderStatus.Filled, filled.Value.Status);
        var portfolio = (await t.Ledger.GetPortfolioAsync(account, None)).Value;
        Assert.Equal((0m, 10_000m), (Cash(portfolio, "EUR"), Cash(portfolio, "USD")));
        Assert.Equal(10_000m + 110m, portfolio.Equity);
        await AssertConsistentAsync(t);
    }
}
