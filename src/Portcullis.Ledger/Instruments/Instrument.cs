namespace Portcullis.Ledger.Instruments;

/// <summary>
/// A tradable instrument. Prices are per unit in <see cref="Currency"/>; an order's value is
/// quantity × price × <see cref="Multiplier"/> (100 for a US equity option, the contract size for a future).
/// Quantities are whole multiples of <see cref="LotSize"/>; limit and stop prices whole multiples of <see cref="TickSize"/>.
/// </summary>
public sealed record Instrument
{
    public required string Symbol { get; init; }

    public required AssetClass AssetClass { get; init; }

    /// <summary>The market or venue, e.g. <c>NASDAQ</c>, <c>CME</c>, <c>IDEALPRO</c>.</summary>
    public required string Market { get; init; }

    /// <summary>ISO 4217 code of the price currency.</summary>
    public required string Currency { get; init; }

    public decimal LotSize { get; init; } = 1m;

    public decimal TickSize { get; init; } = 0.01m;

    public decimal Multiplier { get; init; } = 1m;
}
