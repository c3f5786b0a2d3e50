namespace Portcullis.Ledger.Orders;

/// <summary>What one pass over the open orders did.</summary>
public sealed record PriceProcessingReport(int Filled, int Triggered, int Rejected, int Expired);
