using Microsoft.EntityFrameworkCore;
using Portcullis.Ledger.Persistence;

namespace Portcullis.Ledger.Tests;

public abstract partial class LedgerConformance
{
    [SkippableFact]
    public async Task Check_ReportsABalanceThatDisagreesWithItsJournal()
    {
        using var t = Open();
        var account = await t.NewAccountAsync(usd: 1_000m);
        await AssertConsistentAsync(t);

        await TamperAsync(t, db => db.Balances.SingleAsync(b => b.AccountId == account && b.Asset == "USD"), b => b.Amount += 1);

        var report = await t.Ledger.CheckAsync(None);

        Assert.False(report.IsConsistent);
        Assert.Contains(account.ToString(), report.FirstProblem);
        Assert.Contains("cash USD balance is 1001", report.FirstProblem);

        await TamperAsync(t, db => db.Balances.SingleAsync(b => b.AccountId == account && b.Asset == "USD"), b => b.Amount -= 1);

        await AssertConsistentAsync(t);
    }

    [SkippableFact]
    public async Task Check_ReportsAnEntryThatDoesNotBalance()
    {
        using var t = Open();
        var account = await t.NewAccountAsync(usd: 1_000m);
        await TamperAsync(t, ExternalLine(account), l => l.Amount += 5);

        var report = await t.Ledger.CheckAsync(None);

        Assert.False(report.IsConsistent);
        Assert.Matches(@"entry deposit:\w+:\w+ \(.*\) does not balance in USD: its lines sum to 5", report.FirstProblem);

        await TamperAsync(t, ExternalLine(account), l => l.Amount -= 5);

        await AssertConsistentAsync(t);
    }

    private static Func<LedgerDbContext, Task<Journal.JournalLine>> ExternalLine(Guid account) => async db =>
    {
        var entry = await db.JournalEntries.SingleAsync(e => e.AccountId == account);
        return await db.JournalLines.SingleAsync(l => l.EntryId == entry.Id && l.Book == Journal.JournalBook.External);
    };

    /// <summary>Changes a stored row behind the ledger's back, as a bug or a hand edit would.</summary>
    private static async Task TamperAsync<T>(TestLedger t, Func<LedgerDbContext, Task<T>> find, Action<T> change)
    {
        using var database = new LedgerDatabase(t.Options);
        await using var db = database.CreateContext();
        change(await find(db));
        await db.SaveChangesAsync();
    }

    [SkippableFact]
    public async Task Statement_ListsTheAccountsEntriesInThePeriod()
    {
        using var t = Open();
        var account = await t.NewAccountAsync(usd: 1_000m);
        t.Time.Advance(TimeSpan.FromDays(2));
        await t.Ledger.PlaceOrderAsync(account, Market("buy", 1), null, None);

        var all = (await t.Ledger.GetStatementAsync(account, TestLedger.Start, TestLedger.Start.AddDays(3), None)).Value;
        var later = (await t.Ledger.GetStatementAsync(account, TestLedger.Start.AddDays(1), TestLedger.Start.AddDays(3), None)).Value;

        Assert.Equal(["deposit", "fill"], all.Entries.Select(e => e.Kind));
        Assert.Equal(["fill"], later.Entries.Select(e => e.Kind));
        AssertFails(await t.Ledger.GetStatementAsync(account, TestLedger.Start, TestLedger.Start, None), Backend.LedgerErrors.InvalidPeriod);
        AssertFails(await t.Ledger.GetStatementAsync(Guid.NewGuid(), TestLedger.Start, TestLedger.Start.AddDays(1), None), Backend.LedgerErrors.AccountNotFound);
    }
}
