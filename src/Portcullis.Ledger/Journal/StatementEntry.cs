namespace Portcullis.Ledger.Journal;

/// <summary>A journal entry as shown on a statement, with all its lines (the house legs included, so it visibly balances).</summary>
public sealed record StatementEntry(Guid Id, string Reference, string Kind, string Description, DateTimeOffset PostedAt,
    IReadOnlyList<StatementLine> Lines);
