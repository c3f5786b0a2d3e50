namespace Portcullis.Ledger.Orders;

/// <summary>Wire names <c>market</c>, <c>limit</c>, <c>stop</c>, <c>stop_limit</c>.</summary>
public enum OrderType
{
    Market,
    Limit,
    Stop,
    StopLimit,
}
