using Portcullis.Ledger.Backend;

namespace Portcullis.Ledger.Tests;

public abstract partial class LedgerConformance
{
    [SkippableFact]
    public async Task Withdrawal_ToADestinationStillOnHold_IsRefused_AndAllowedAfterTheHold()
    {
        using var t = Open();
        var account = await t.NewAccountAsync(usd: 5_000m);
        var destination = (await t.Ledger.AddDestinationAsync(account, "Main bank", "GB29 NWBK 6016 1331 9268 19", None)).Value;
        Assert.Equal(("GB29NWBK60161331926819", TestLedger.Start.AddHours(24)), (destination.BankAccount, destination.UsableFrom));

        t.Time.Advance(TimeSpan.FromHours(1));
        var before = await BooksAsync(t, account);
        AssertFails(await t.Ledger.WithdrawAsync(account, destination.Id, "USD", 100m, null, None), LedgerErrors.DestinationOnHold);
        Assert.Equal(before, await BooksAsync(t, account));

        t.Time.Advance(TimeSpan.FromHours(23));
        var withdrawal = await t.Ledger.WithdrawAsync(account, destination.Id, "USD", 100m, null, None);

        Assert.True(withdrawal.IsSuccess, withdrawal.Error?.Code);
        Assert.Equal(4_900m, Cash((await t.Ledger.GetPortfolioAsync(account, None)).Value, "USD"));
        Assert.Single((await t.Ledger.GetWithdrawalsAsync(account, None)).Value);
        await AssertConsistentAsync(t);
    }

    [SkippableFact]
    public async Task Withdrawals_RespectPerRequestAndRollingFiveDayLimits_AndAvailableCash()
    {
        using var t = Open(o =>
        {
            o.DestinationHold = TimeSpan.Zero;
            o.WithdrawalLimitPerRequest = 1_000m;
            o.WithdrawalLimitPerFiveDays = 1_500m;
        });
        var account = await t.NewAccountAsync(usd: 5_000m);
        var destination = (await t.Ledger.AddDestinationAsync(account, "Main bank", "DE89370400440532013000", None)).Value;

        AssertFails(await t.Ledger.WithdrawAsync(account, destination.Id, "USD", 1_000.01m, null, None), LedgerErrors.WithdrawalLimitExceeded);
        Assert.True((await t.Ledger.WithdrawAsync(account, destination.Id, "USD", 1_000m, null, None)).IsSuccess);
        t.Time.Advance(TimeSpan.FromDays(4));
        AssertFails(await t.Ledger.WithdrawAsync(account, destination.Id, "USD", 600m, null, None), LedgerErrors.WithdrawalWindowLimitExceeded);
        Assert.True((await t.Ledger.WithdrawAsync(account, destination.Id, "USD", 500m, null, None)).IsSuccess);
        t.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        Assert.True((await t.Ledger.WithdrawAsync(account, destination.Id, "USD", 1_000m, null, None)).IsSuccess);

        // 2,500 left; a resting buy reserves 1,800 of it.
        await t.Ledger.PlaceOrderAsync(account, Limit("buy", 20, 90m), null, None);
        t.Time.Advance(TimeSpan.FromDays(6));
        var before = await BooksAsync(t, account);
        AssertFails(await t.Ledger.WithdrawAsync(account, destination.Id, "USD", 800m, null, None), LedgerErrors.InsufficientFunds);
        Assert.Equal(before, await BooksAsync(t, account));
        await AssertConsistentAsync(t);
    }

    [SkippableFact]
    public async Task Destinations_AreListed_Removed_AndNotDuplicated()
    {
        using var t = Open(o => o.DestinationHold = TimeSpan.Zero);
        var account = await t.NewAccountAsync(usd: 100m);
        var destination = (await t.Ledger.AddDestinationAsync(account, "Main bank", "DE89370400440532013000", None)).Value;
        AssertFails(await t.Ledger.AddDestinationAsync(account, "main BANK", "DE00000000000000000001", None), LedgerErrors.DestinationExists);
        AssertFails(await t.Ledger.AddDestinationAsync(account, "Other", "de89 3704 0044 0532 0130 00", None), LedgerErrors.DestinationExists);
        AssertFails(await t.Ledger.AddDestinationAsync(account, "", "DE89370400440532013000", None), LedgerErrors.InvalidDestination);
        AssertFails(await t.Ledger.AddDestinationAsync(account, "Bad", "12-34", None), LedgerErrors.InvalidDestination);

        Assert.Single((await t.Ledger.GetDestinationsAsync(account, None)).Value);
        Assert.True((await t.Ledger.RemoveDestinationAsync(account, destination.Id, None)).IsSuccess);

        Assert.Empty((await t.Ledger.GetDestinationsAsync(account, None)).Value);
        AssertFails(await t.Ledger.WithdrawAsync(account, destination.Id, "USD", 10m, null, None), LedgerErrors.DestinationNotFound);
        AssertFails(await t.Ledger.RemoveDestinationAsync(account, destination.Id, None), LedgerErrors.DestinationNotFound);
        var other = await t.NewAccountAsync(usd: 100m);
        var theirs = (await t.Ledger.AddDestinationAsync(other, "Main bank", "DE89370400440532013000", None)).Value;
        AssertFails(await t.Ledger.WithdrawAsync(account, theirs.Id, "USD", 10m, null, None), LedgerErrors.DestinationNotFound);
    }

    [SkippableFact]
    public async Task Deposit_WithAnIdempotencyKey_IsBookedOnce()
    {
        using var t = Open();
        var account = await t.NewAccountAsync();
        var first = await t.Ledger.DepositAsync(account, "USD", 250m, "dep-1", None);
        var again = await t.Ledger.DepositAsync(account, "USD", 250.00m, "dep-1", None);

        Assert.Equal(first.Value.JournalEntryId, again.Value.JournalEntryId);
        AssertFails(await t.Ledger.DepositAsync(account, "USD", 300m, "dep-1", None), LedgerErrors.IdempotencyConflict);
        Assert.Equal(250m, Cash((await t.Ledger.GetPortfolioAsync(account, None)).Value, "USD"));
        AssertFails(await t.Ledger.DepositAsync(account, "USD", 2_000_000m, null, None), LedgerErrors.DepositLimitExceeded);
    }

    [SkippableFact]
    public async Task Withdrawal_WithAnIdempotencyKey_PaysOutOnce()
    {
        using var t = Open(o => o.DestinationHold = TimeSpan.Zero);
        var account = await t.NewAccountAsync(usd: 1_000m);
        var destination = (await t.Ledger.AddDestinationAsync(account, "Main bank", "DE89370400440532013000", None)).Value;

        var first = await t.Ledger.WithdrawAsync(account, destination.Id, "USD", 100m, "w-1", None);
        var again = await t.Ledger.WithdrawAsync(account, destination.Id, "USD", 100m, "w-1", None);

        Assert.Equal(first.Value.Id, again.Value.Id);
        AssertFails(await t.Ledger.WithdrawAsync(account, destination.Id, "USD", 200m, "w-1", None), LedgerErrors.IdempotencyConflict);
        Assert.Equal(900m, Cash((await t.Ledger.GetPortfolioAsync(account, None)).Value, "USD"));
    }
}
