using System.Text.Json;

namespace Portcullis.Ledger.Prices;

/// <summary>Fixed reference prices, e.g. from a JSON file <c>{ "AAPL": 190.12, "EURUSD": 1.085 }</c>.</summary>
public sealed class StaticPriceSource(IReadOnlyDictionary<string, decimal> prices, TimeProvider time) : IPriceSource
{
    public ValueTask<PriceQuote?> GetQuoteAsync(string symbol, CancellationToken cancellationToken) =>
        ValueTask.FromResult(prices.TryGetValue(symbol, out var price) ? new PriceQuote(symbol, price, time.GetUtcNow()) : null);

    /// <summary>Reads a price file: one JSON object of symbol → positive price. Throws on a malformed file (misconfiguration).</summary>
    public static IReadOnlyDictionary<string, decimal> LoadFile(string path)
    {
        using var stream = File.OpenRead(path);
        var prices = JsonSerializer.Deserialize<Dictionary<string, decimal>>(stream)
            ?? throw new InvalidDataException($"{path}: expected a JSON object of symbol to price.");
        var bad = prices.Where(p => p.Value <= 0).Select(p => p.Key).ToList();
        if (bad.Count > 0)
        {
            throw new InvalidDataException($"{path}: prices must be positive ({string.Join(", ", bad)}).");
        }

        return new Dictionary<string, decimal>(prices, StringComparer.Ordinal);
    }
}
