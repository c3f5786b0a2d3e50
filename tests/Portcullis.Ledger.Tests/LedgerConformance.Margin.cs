using Portcullis.Ledger.Backend;
using Portcullis.Ledger.Margin;
using Portcullis.Ledger.Orders;

namespace Portcullis.Ledger.Tests;

public abstract partial class LedgerConformance
{
    [SkippableFact]
    public async Task MarginAccount_BuysUpToEquityTimesLeverage_AndCannotLeaveMarginWhileBorrowing()
    {
        using var t = Open();
        var account = await t.NewAccountAsync(usd: 1_000m);
        AssertFails(await t.Ledger.PlaceOrderAsync(account, Market("buy", 15), null, None), LedgerErrors.InsufficientBuyingPower);

        var settings = await t.Ledger.ChangeMarginAsync(account, "margin", 2m, None);
        Assert.Equal((MarginMode.Margin, 2m, 4m), (settings.Value.Mode, settings.Value.Leverage, settings.Value.MaxLeverage));
        Assert.Equal(2_000m, (await t.Ledger.GetPortfolioAsync(account, None)).Value.BuyingPower);

        Assert.Equal(OrderStatus.Filled, (await t.Ledger.PlaceOrderAsync(account, Market("buy", 15), null, None)).Value.Status);
        AssertFails(await t.Ledger.PlaceOrderAsync(account, Market("buy", 6), null, None), LedgerErrors.InsufficientBuyingPower);
        var portfolio = (await t.Ledger.GetPortfolioAsync(account, None)).Value;
        Assert.Equal((-500m, 1_000m, 500m), (Cash(portfolio, "USD"), portfolio.Equity, portfolio.BuyingPower));

        AssertFails(await t.Ledger.ChangeMarginAsync(account, "cash", 1m, None), LedgerErrors.MarginInUse);
        AssertFails(await t.Ledger.ChangeMarginAsync(account, "margin", 1.2m, None), LedgerErrors.MarginInUse);
        Assert.Equal(2m, (await t.Ledger.GetMarginAsync(account, None)).Value.Leverage);
        await AssertConsistentAsync(t);
    }

    [SkippableFact]
    public async Task MarginAccount_CannotWithdrawTheCollateralItsPositionsNeed()
    {
        using var t = Open(o => o.DestinationHold = TimeSpan.Zero);
        var account = await t.NewAccountAsync(usd: 1_000m);
        await t.Ledger.DepositAsync(account, "EUR", 500m, null, None);
        var destination = (await t.Ledger.AddDestinationAsync(account, "Main bank", "DE89370400440532013000", None)).Value;
        await t.Ledger.ChangeMarginAsync(account, "margin", 2m, None);
        Assert.Equal(OrderStatus.Filled, (await t.Ledger.PlaceOrderAsync(account, Market("buy", 30), null, None)).Value.Status);
        Assert.Equal(100m, (await t.Ledger.GetPortfolioAsync(account, None)).Value.BuyingPower); // (1,000 + 550) × 2 − 3,000

        var before = await BooksAsync(t, account);
        AssertFails(await t.Ledger.WithdrawAsync(account, destination.Id, "EUR", 100m, null, None), LedgerErrors.InsufficientFunds);
        Assert.Equal(before, await BooksAsync(t, account));

        Assert.True((await t.Ledger.WithdrawAsync(account, destination.Id, "EUR", 40m, null, None)).IsSuccess);
        Assert.Equal(12m, (await t.Ledger.GetPortfolioAsync(account, None)).Value.BuyingPower);
        await AssertConsistentAsync(t);
    }

    [SkippableTheory]
    [InlineData("cash", 2)]
    [InlineData("margin", 0.5)]
    [InlineData("margin", 5)]
    [InlineData("margin", 1.234)]
    public async Task ChangeMargin_WithABadLeverage_IsRefused(string mode, decimal leverage)
    {
        using var t = Open();
        var account = await t.NewAccountAsync();

        AssertFails(await t.Ledger.ChangeMarginAsync(account, mode, leverage, None), LedgerErrors.InvalidLeverage);
        AssertFails(await t.Ledger.ChangeMarginAsync(account, "portfolio", 1m, None), LedgerErrors.InvalidMarginMode);
        AssertFails(await t.Ledger.ChangeMarginAsync(Guid.NewGuid(), "margin", 2m, None), LedgerErrors.AccountNotFound);
    }
}
