namespace Portcullis.Ledger;

/// <summary>Where reference prices come from (<c>Ledger:Prices</c>).</summary>
public sealed class LedgerPriceOptions
{
    public const string RandomWalk = "random-walk";
    public const string Static = "static";

    /// <summary><c>random-walk</c> (default, for the demo) or <c>static</c> (fixed prices from <see cref="File"/>).</summary>
    public string Source { get; set; } = RandomWalk;

    /// <summary>
    /// A JSON object of symbol → price. Required for <c>static</c>; for <c>random-walk</c> the starting prices
    /// (default: the demo instruments' prices).
    /// </summary>
    public string? File { get; set; }

    /// <summary>The random walk's seed. Default 1.</summary>
    public long Seed { get; set; } = 1;

    /// <summary>How often the random walk moves. Default 1 minute.</summary>
    public TimeSpan Step { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The largest relative move per step, between 0 and 0.5. Default 0.001 (0.1 %).</summary>
    public decimal Volatility { get; set; } = 0.001m;

    /// <summary>How often the background service should call <c>ProcessPricesAsync</c>. Default 5 seconds.</summary>
    public TimeSpan ProcessInterval { get; set; } = TimeSpan.FromSeconds(5);
}
