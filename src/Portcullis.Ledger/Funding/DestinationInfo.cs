namespace Portcullis.Ledger.Funding;

/// <summary>A withdrawal destination. Withdrawals to it are refused before <paramref name="UsableFrom"/>.</summary>
public sealed record DestinationInfo(Guid Id, Guid AccountId, string Name, string BankAccount, DateTimeOffset CreatedAt,
    DateTimeOffset UsableFrom, DateTimeOffset? RemovedAt)
{
    internal static DestinationInfo From(Destination d) =>
        new(d.Id, d.AccountId, d.Name, d.BankAccount, d.CreatedAt, d.UsableFrom, d.RemovedAt);
}
