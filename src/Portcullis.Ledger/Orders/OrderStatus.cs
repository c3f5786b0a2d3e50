namespace Portcullis.Ledger.Orders;

/// <summary>See the lifecycle diagram in <c>docs/ledger.md</c>. Only <c>Open</c> orders can fill, be cancelled or replaced.</summary>
public enum OrderStatus
{
    Open,
    Filled,
    Cancelled,
    Expired,
    Rejected,
    Replaced,
}
