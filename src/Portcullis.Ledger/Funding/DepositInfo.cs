namespace Portcullis.Ledger.Funding;

/// <summary>A (demo) deposit and the journal entry that booked it.</summary>
public sealed record DepositInfo(Guid JournalEntryId, Guid AccountId, string Currency, decimal Amount, DateTimeOffset PostedAt);
