using Portcullis.Ledger.Backend;
using Portcullis.Ledger.Orders;

namespace Portcullis.Ledger.Tests;

/// <summary>
/// The ledger's behaviour, run against each provider (<see cref="SqliteLedgerTests"/>, <see cref="PostgresLedgerTests"/>).
/// Split by area into partial files.
/// </summary>
public abstract partial class LedgerConformance(LedgerStoreFixture store)
{
    protected static readonly CancellationToken None = CancellationToken.None;

    protected TestLedger Open(Action<LedgerOptions>? configure = null)
    {
        Skip.If(store.ConnectionString.Length == 0, Portcullis.Testing.PostgresDatabase.SkipReason);
        return store.Create(configure);
    }

    protected static OrderRequest Market(string side, decimal quantity, string symbol = "ACME") => new(symbol, side, "market", quantity);

    protected static OrderRequest Limit(string side, decimal quantity, decimal limit, string symbol = "ACME", string tif = "gtc") =>
        new(symbol, side, "limit", quantity, LimitPrice: limit, TimeInForce: tif);

    /// <summary>Everything the books say about an account, to assert that a refused operation changed nothing.</summary>
    protected static Task<string> BooksAsync(TestLedger t, Guid account) => LedgerConformanceBooks.ReadAsync(t, account);

    protected static async Task AssertConsistentAsync(TestLedger t)
    {
        var report = await t.Ledger.CheckAsync(None);
        Assert.True(report.IsConsistent, report.FirstProblem);
    }

    protected static decimal Cash(Accounts.Portfolio portfolio, string currency) =>
        portfolio.Cash.SingleOrDefault(c => c.Currency == currency)?.Amount ?? 0m;

    protected static void AssertFails<T>(LedgerResult<T> result, string code)
    {
        Assert.False(result.IsSuccess, $"expected {code}, got success");
        Assert.Equal(code, result.Error.Code);
    }
}
