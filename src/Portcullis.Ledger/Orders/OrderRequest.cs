namespace Portcullis.Ledger.Orders;

/// <summary>
/// An order as the caller sends it, in plain values and wire names: side <c>buy</c>|<c>sell</c>; type
/// <c>market</c>|<c>limit</c>|<c>stop</c>|<c>stop_limit</c>; time in force <c>day</c>|<c>gtc</c>.
/// </summary>
public sealed record OrderRequest(string Symbol, string Side, string Type, decimal Quantity, decimal? LimitPrice = null,
    decimal? StopPrice = null, string TimeInForce = "day");
