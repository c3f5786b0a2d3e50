namespace Portcullis.Ledger.Funding;

/// <summary>A completed withdrawal (the paper ledger pays out at once).</summary>
internal sealed class Withdrawal
{
    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public Guid DestinationId { get; set; }

    public string? IdempotencyKey { get; set; }

    public string Currency { get; set; } = string.Empty;

    public decimal Amount { get; set; }

    /// <summary>The amount in the account's base currency at the time, which the limits count.</summary>
    public decimal AmountInBase { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public Guid JournalEntryId { get; set; }
}
