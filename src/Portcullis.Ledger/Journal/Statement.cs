namespace Portcullis.Ledger.Journal;

/// <summary>The journal entries of an account posted in [<paramref name="From"/>, <paramref name="To"/>), oldest first.</summary>
public sealed record Statement(Guid AccountId, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<StatementEntry> Entries);
