namespace Portcullis.Ledger.Orders;

/// <summary>
/// An execution, the source of a trade confirmation. <paramref name="Sequence"/> orders all fills of the ledger;
/// read new ones with <c>GetFillsAfterAsync(lastSequence)</c>.
/// </summary>
public sealed record FillInfo(long Sequence, Guid Id, Guid OrderId, Guid AccountId, string Symbol, OrderSide Side,
    decimal Quantity, decimal Price, string Currency, decimal Notional, DateTimeOffset ExecutedAt)
{
    internal static FillInfo From(Fill f) =>
        new(f.Sequence, f.Id, f.OrderId, f.AccountId, f.Symbol, f.Side, f.Quantity, f.Price, f.Currency, f.Notional, f.ExecutedAt);
}
