using Portcullis.Ledger.Accounts;
using Portcullis.Ledger.Persistence;

namespace Portcullis.Ledger.Journal;

/// <summary>
/// The only way cash and positions change: one balanced journal entry, with the customer's materialised balances
/// updated in the same unit of work. An unbalanced entry is a bug and throws.
/// </summary>
internal static class JournalPoster
{
    public static async Task<JournalEntry> PostAsync(LedgerDbContext db, Guid accountId, string reference, string kind,
        string description, DateTimeOffset postedAt, IReadOnlyList<Posting> postings, CancellationToken cancellationToken)
    {
        var rounded = postings.Select(p => p with { Amount = Money.Round(p.Amount) }).Where(p => p.Amount != 0m).ToList();
        if (rounded.Count < 2)
        {
            throw new InvalidOperationException($"Journal entry {reference} needs at least two non-zero lines.");
        }

        var unbalanced = rounded.GroupBy(p => (IsQuantity(p.Book), p.Asset)).FirstOrDefault(g => g.Sum(p => p.Amount) != 0m);
        if (unbalanced is not null)
        {
            throw new InvalidOperationException($"Journal entry {reference} does not balance in {unbalanced.Key.Asset}.");
        }

        var entry = new JournalEntry
        {
            Id = Guid.CreateVersion7(postedAt),
            Reference = reference,
            AccountId = accountId,
            Kind = kind,
            Description = description,
            PostedAt = postedAt,
        };
        for (var i = 0; i < rounded.Count; i++)
        {
            var p = rounded[i];
            entry.Lines.Add(new JournalLine
            {
                Id = Guid.CreateVersion7(postedAt),
                EntryId = entry.Id,
                LineNo = i + 1,
                AccountId = p.AccountId,
                Book = p.Book,
                Asset = p.Asset,
                Amount = p.Amount,
            });
            if (CustomerKind(p.Book) is { } balanceKind && p.AccountId is { } owner)
            {
                var balance = await GetOrAddBalanceAsync(db, owner, balanceKind, p.Asset, cancellationToken);
                balance.Amount = Money.Round(balance.Amount + p.Amount);
            }
        }

        db.JournalEntries.Add(entry);
        return entry;
    }

    public static async Task<Balance> GetOrAddBalanceAsync(LedgerDbContext db, Guid accountId, BalanceKind kind, string asset,
        CancellationToken cancellationToken)
    {
        var balance = await db.Balances.FindAsync([accountId, kind, asset], cancellationToken);
        if (balance is null)
        {
            balance = new Balance { AccountId = accountId, Kind = kind, Asset = asset };
            db.Balances.Add(balance);
        }

        return balance;
    }

    /// <summary>True for books that count instrument quantities, false for cash books.</summary>
    public static bool IsQuantity(JournalBook book) => book is JournalBook.Position or JournalBook.MarketPosition;

    /// <summary>The balance a customer book line moves, or <c>null</c> for house books.</summary>
    public static BalanceKind? CustomerKind(JournalBook book) => book switch
    {
        JournalBook.Cash => BalanceKind.Cash,
        JournalBook.Position => BalanceKind.Position,
        _ => null,
    };
}
