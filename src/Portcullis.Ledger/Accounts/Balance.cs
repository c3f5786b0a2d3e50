namespace Portcullis.Ledger.Accounts;

/// <summary>
/// A materialised balance: the sum of the account's journal lines for one (kind, asset). Kept in step by
/// <see cref="Journal.JournalPoster"/> and reconciled by <see cref="Journal.JournalChecker"/>.
/// </summary>
internal sealed class Balance
{
    public Guid AccountId { get; set; }

    public BalanceKind Kind { get; set; }

    /// <summary>A currency code (cash) or an instrument symbol (position).</summary>
    public string Asset { get; set; } = string.Empty;

    public decimal Amount { get; set; }

    /// <summary>Positions only: what the held quantity cost, in the instrument's currency (average-cost method).</summary>
    public decimal CostBasis { get; set; }
}
