namespace Portcullis.Ledger.Orders;

/// <summary>An order as stored. Fills are all-or-none: an order is either open or finished.</summary>
internal sealed class Order
{
    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    /// <summary>The caller's idempotency key (unique per account), if it gave one.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>SHA-256 (hex) of the canonical request body, to tell a retry from a different request under the same key.</summary>
    public string RequestHash { get; set; } = string.Empty;

    public string Symbol { get; set; } = string.Empty;

    public OrderSide Side { get; set; }

    public OrderType Type { get; set; }

    public TimeInForce TimeInForce { get; set; }

    public decimal Quantity { get; set; }

    public decimal? LimitPrice { get; set; }

    public decimal? StopPrice { get; set; }

    /// <summary>A stop or stop-limit order whose stop price the reference price has reached.</summary>
    public bool StopTriggered { get; set; }

    public OrderStatus Status { get; set; }

    /// <summary>Why an order was rejected when it came to fill (e.g. buying power gone), a <c>ledger.*</c> code.</summary>
    public string? RejectCode { get; set; }

    public decimal? FillPrice { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Day orders: the cut-off after which an open order expires.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>The order this one replaced, if any.</summary>
    public Guid? ReplacesOrderId { get; set; }
}
