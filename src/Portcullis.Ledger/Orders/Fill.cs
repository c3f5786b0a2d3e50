namespace Portcullis.Ledger.Orders;

/// <summary>
/// An execution. <see cref="Sequence"/> is ledger-wide, gap-free and commits in order (it is drawn from a locked
/// counter row), so a reader that remembers the last sequence it saw never misses a fill.
/// </summary>
internal sealed class Fill
{
    public long Sequence { get; set; }

    public Guid Id { get; set; }

    public Guid OrderId { get; set; }

    public Guid AccountId { get; set; }

    public string Symbol { get; set; } = string.Empty;

    public OrderSide Side { get; set; }

    public decimal Quantity { get; set; }

    public decimal Price { get; set; }

    public string Currency { get; set; } = string.Empty;

    /// <summary>quantity × price × multiplier, in <see cref="Currency"/>, always positive.</summary>
    public decimal Notional { get; set; }

    public DateTimeOffset ExecutedAt { get; set; }

    public Guid JournalEntryId { get; set; }
}
