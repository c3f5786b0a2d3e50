namespace Portcullis.Ledger.Instruments;

/// <summary>
/// A small set of instruments across the asset classes, with plausible starting prices, for the demo and for
/// the random-walk price source when no price file is configured.
/// </summary>
public static class DemoInstruments
{
    public static IReadOnlyList<Instrument> All { get; } =
    [
        new() { Symbol = "AAPL", AssetClass = AssetClass.Stock, Market = "NASDAQ", Currency = "USD" },
        new() { Symbol = "MSFT", AssetClass = AssetClass.Stock, Market = "NASDAQ", Currency = "USD" },
        new() { Symbol = "SAP", AssetClass = AssetClass.Stock, Market = "XETRA", Currency = "EUR" },
        new() { Symbol = "AAPL-2027-01-C200", AssetClass = AssetClass.Option, Market = "CBOE", Currency = "USD", Multiplier = 100m },
        new() { Symbol = "ESZ7", AssetClass = AssetClass.Future, Market = "CME", Currency = "USD", TickSize = 0.25m, Multiplier = 50m },
        new() { Symbol = "EURUSD", AssetClass = AssetClass.Forex, Market = "IDEALPRO", Currency = "USD", LotSize = 1000m, TickSize = 0.00005m },
        new() { Symbol = "GBPUSD", AssetClass = AssetClass.Forex, Market = "IDEALPRO", Currency = "USD", LotSize = 1000m, TickSize = 0.00005m },
        new() { Symbol = "US10Y", AssetClass = AssetClass.Bond, Market = "BONDS", Currency = "USD", TickSize = 0.001m, Multiplier = 10m },
    ];

    /// <summary>Starting reference prices, per unit in the instrument's currency.</summary>
    public static IReadOnlyDictionary<string, decimal> StartPrices { get; } = new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["AAPL"] = 190.00m,
        ["MSFT"] = 420.00m,
        ["SAP"] = 180.00m,
        ["AAPL-2027-01-C200"] = 12.50m,
        ["ESZ7"] = 5000.00m,
        ["EURUSD"] = 1.08500m,
        ["GBPUSD"] = 1.27000m,
        ["US10Y"] = 98.500m,
    };
}
