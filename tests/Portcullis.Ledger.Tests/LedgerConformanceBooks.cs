using System.Text.Json;

namespace Portcullis.Ledger.Tests;

/// <summary>Everything the books say about an account, serialised, to assert that a refused operation changed nothing.</summary>
public static class LedgerConformanceBooks
{
    public static async Task<string> ReadAsync(TestLedger t, Guid account)
    {
        var none = CancellationToken.None;
        var portfolio = (await t.Ledger.GetPortfolioAsync(account, none)).Value;
        var statement = (await t.Ledger.GetStatementAsync(account, TestLedger.Start.AddDays(-1), TestLedger.Start.AddDays(300), none)).Value;
        var orders = (await t.Ledger.GetOrdersAsync(account, openOnly: false, none)).Value;
        var withdrawals = (await t.Ledger.GetWithdrawalsAsync(account, none)).Value;
        var margin = (await t.Ledger.GetMarginAsync(account, none)).Value;
        return JsonSerializer.Serialize(new { portfolio.Cash, portfolio.Positions, statement.Entries, orders, withdrawals, margin });
    }
}
