namespace Portcullis.Ledger.Journal;

/// <summary>One leg of a journal entry: a signed amount of an asset (currency or symbol) in a book.</summary>
internal sealed class JournalLine
{
    public Guid Id { get; set; }

    public Guid EntryId { get; set; }

    public int LineNo { get; set; }

    /// <summary>The customer account for <c>Cash</c> and <c>Position</c> lines; <c>null</c> for house books.</summary>
    public Guid? AccountId { get; set; }

    public JournalBook Book { get; set; }

    public string Asset { get; set; } = string.Empty;

    public decimal Amount { get; set; }
}
