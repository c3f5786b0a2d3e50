namespace Portcullis.Ledger.Orders;

/// <summary>A replacement for an open order: new quantity and prices; symbol, side, type and time in force stay.</summary>
public sealed record OrderChange(decimal Quantity, decimal? LimitPrice = null, decimal? StopPrice = null);
