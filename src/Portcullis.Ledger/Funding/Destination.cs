namespace Portcullis.Ledger.Funding;

/// <summary>A named bank account that withdrawals may go to, once <see cref="UsableFrom"/> has passed.</summary>
internal sealed class Destination
{
    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public string Name { get; set; } = string.Empty;

    /// <summary>The bank account number or IBAN, upper case without spaces.</summary>
    public string BankAccount { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UsableFrom { get; set; }

    public DateTimeOffset? RemovedAt { get; set; }
}
