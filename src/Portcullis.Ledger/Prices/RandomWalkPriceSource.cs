namespace Portcullis.Ledger.Prices;

/// <summary>
/// A deterministic random walk for the demo: the price of a symbol at step n (n = whole <c>step</c> intervals since
/// <c>anchor</c>) is its start price moved n times by at most ± <c>volatility</c>, each move derived from a hash of
/// (seed, symbol, step). The same seed, anchor and time give the same price on every node and every run; time
/// comes only from the <see cref="TimeProvider"/>.
/// </summary>
public sealed class RandomWalkPriceSource : IPriceSource
{
    private const decimal Floor = 0.0001m;
    private readonly IReadOnlyDictionary<string, decimal> _start;
    private readonly ulong _seed;
    private readonly TimeSpan _step;
    private readonly decimal _volatility;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _anchor;
    private readonly Dictionary<string, (long Step, decimal Price)> _cache = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public RandomWalkPriceSource(IReadOnlyDictionary<string, decimal> startPrices, long seed, TimeSpan step, decimal volatility,
        TimeProvider time, DateTimeOffset? anchor = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(volatility);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(volatility, 0.5m);
        _start = startPrices;
        _seed = unchecked((ulong)seed);
        _step = step;
        _volatility = volatility;
        _time = time;
        _anchor = anchor ?? time.GetUtcNow();
    }

    public ValueTask<PriceQuote?> GetQuoteAsync(string symbol, CancellationToken cancellationToken)
    {
        if (!_start.TryGetValue(symbol, out var start))
        {
            return ValueTask.FromResult<PriceQuote?>(null);
        }

        var now = _time.GetUtcNow();
        var step = now <= _anchor ? 0 : (now - _anchor).Ticks / _step.Ticks;
        return ValueTask.FromResult<PriceQuote?>(new PriceQuote(symbol, PriceAt(symbol, start, step), now));
    }

    private decimal PriceAt(string symbol, decimal start, long step)
    {
        lock (_lock)
        {
            var (from, price) = _cache.TryGetValue(symbol, out var cached) && cached.Step <= step ? cached : (0, start);
            var symbolHash = Fnv1a(symbol);
            for (var n = from + 1; n <= step; n++)
            {
                // A uniform move in [-1, 1] from the hash of (seed, symbol, n): order of calls does not matter.
                var bits = SplitMix64(_seed ^ symbolHash ^ unchecked((ulong)n * 0x9E3779B97F4A7C15UL));
                var unit = (decimal)(bits >> 11) / (1UL << 53) * 2m - 1m;
                price = Math.Max(Floor, Math.Round(price * (1m + _volatility * unit), 6, MidpointRounding.ToEven));
            }

            _cache[symbol] = (step, price);
            return price;
        }
    }

    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }

        return hash;
    }

    private static ulong SplitMix64(ulong x)
    {
        unchecked
        {
            x += 0x9E3779B97F4A7C15UL;
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
            return x ^ (x >> 31);
        }
    }
}
