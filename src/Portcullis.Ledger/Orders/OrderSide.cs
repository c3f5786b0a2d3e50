namespace Portcullis.Ledger.Orders;

/// <summary>Wire names <c>buy</c>, <c>sell</c>.</summary>
public enum OrderSide
{
    Buy,
    Sell,
}
