namespace Portcullis.Ledger.Funding;

/// <summary>A completed withdrawal.</summary>
public sealed record WithdrawalInfo(Guid Id, Guid AccountId, Guid DestinationId, string Currency, decimal Amount,
    decimal AmountInBase, DateTimeOffset RequestedAt, Guid JournalEntryId)
{
    internal static WithdrawalInfo From(Withdrawal w) =>
        new(w.Id, w.AccountId, w.DestinationId, w.Currency, w.Amount, w.AmountInBase, w.RequestedAt, w.JournalEntryId);
}
