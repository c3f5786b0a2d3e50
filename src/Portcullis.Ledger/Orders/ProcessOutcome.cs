namespace Portcullis.Ledger.Orders;

/// <summary>What one pass of <see cref="OrderDesk.ProcessPricesAsync"/> did to one open order.</summary>
internal enum ProcessOutcome
{
    Unchanged,
    Filled,
    Triggered,
    Rejected,
    Expired,
}
