namespace Portcullis.Ledger.Accounts;

/// <summary>
/// A holding: quantity, average cost per unit (in <paramref name="Currency"/>) and, when the price source has a
/// price, its market value (quantity × price × multiplier).
/// </summary>
public sealed record PositionInfo(string Symbol, decimal Quantity, decimal AverageCost, string Currency, decimal? MarketPrice,
    decimal? MarketValue);
