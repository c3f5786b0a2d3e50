namespace Portcullis.Ledger.Journal;

/// <summary>A line of a statement entry: a signed amount of a currency or instrument in a book.</summary>
public sealed record StatementLine(JournalBook Book, string Asset, decimal Amount);
