namespace Portcullis.Ledger.Orders;

/// <summary>An order and where it is in its lifecycle.</summary>
public sealed record OrderInfo(Guid Id, Guid AccountId, string Symbol, OrderSide Side, OrderType Type, TimeInForce TimeInForce,
    decimal Quantity, decimal? LimitPrice, decimal? StopPrice, OrderStatus Status, bool StopTriggered, decimal? FillPrice,
    string? RejectCode, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ExpiresAt, Guid? ReplacesOrderId)
{
    internal static OrderInfo From(Order o) => new(o.Id, o.AccountId, o.Symbol, o.Side, o.Type, o.TimeInForce, o.Quantity,
        o.LimitPrice, o.StopPrice, o.Status, o.StopTriggered, o.FillPrice, o.RejectCode, o.CreatedAt, o.UpdatedAt, o.ExpiresAt,
        o.ReplacesOrderId);

    /// <summary>
    /// Whether this is the answer to a retry under an idempotency key that already placed this order: nothing was placed
    /// now. Not part of the order's JSON; the API says it in the <c>Idempotent-Replayed</c> header.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Replayed { get; init; }
}
