namespace Portcullis.Ledger.Orders;

/// <summary>What happened to an open order when it met a reference price.</summary>
internal enum ExecutionOutcome
{
    Resting,
    Filled,
    Rejected,
}
