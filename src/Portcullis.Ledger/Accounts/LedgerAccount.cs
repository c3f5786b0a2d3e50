using Portcullis.Ledger.Margin;

namespace Portcullis.Ledger.Accounts;

/// <summary>A trading account in the ledger; its id is the gate's account id.</summary>
internal sealed class LedgerAccount
{
    public Guid Id { get; set; }

    public string BaseCurrency { get; set; } = "USD";

    public string LegalEntity { get; set; } = string.Empty;

    public string Jurisdiction { get; set; } = string.Empty;

    public MarginMode MarginMode { get; set; } = MarginMode.Cash;

    /// <summary>1 for a cash account; up to <c>Ledger:Margin:MaxLeverage</c> for a margin account.</summary>
    public decimal Leverage { get; set; } = 1m;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Bumped by every write under the account lock (also what PostgreSQL's <c>FOR UPDATE</c> holds).</summary>
    public long Version { get; set; }
}
