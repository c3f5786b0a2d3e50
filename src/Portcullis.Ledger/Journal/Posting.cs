namespace Portcullis.Ledger.Journal;

/// <summary>One leg to post: a signed amount of an asset in a book (<paramref name="AccountId"/> for customer books).</summary>
internal sealed record Posting(JournalBook Book, Guid? AccountId, string Asset, decimal Amount);
