using System.Collections.Concurrent;
using Portcullis.Ledger.Prices;

namespace Portcullis.Ledger.Tests;

/// <summary>Reference prices that a test sets; time from the test's fake clock.</summary>
public sealed class ManualPriceSource(TimeProvider time) : IPriceSource
{
    private readonly ConcurrentDictionary<string, decimal> _prices = new(StringComparer.Ordinal);

    public void Set(string symbol, decimal price) => _prices[symbol] = price;

    public void Remove(string symbol) => _prices.TryRemove(symbol, out _);

    public ValueTask<PriceQuote?> GetQuoteAsync(string symbol, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_prices.TryGetValue(symbol, out var price) ? new PriceQuote(symbol, price, time.GetUtcNow()) : null);
}
