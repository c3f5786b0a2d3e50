using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portcullis.Ledger.Accounts;
using Portcullis.Ledger.Persistence;

namespace Portcullis.Ledger.Journal;

/// <summary>
/// Verifies the books in one snapshot: (1) every journal entry has at least two lines, customer lines name an
/// account and house lines do not, and its lines sum to zero per asset (cash and quantities apart); (2) every
/// account's materialised balances equal the sums of its journal lines, and no journal sum lacks its balance.
/// Stops at the first inconsistency (entries in posting order, then accounts by id) and names it.
/// </summary>
internal sealed class JournalChecker(LedgerDatabase database)
{
    public Task<LedgerCheckReport> CheckAsync(CancellationToken cancellationToken) =>
        database.ReadSnapshotAsync(async db =>
        {
            var entries = await db.JournalEntries.Include(e => e.Lines).ToListAsync(cancellationToken);
            entries.Sort((a, b) => a.PostedAt != b.PostedAt ? a.PostedAt.CompareTo(b.PostedAt) : a.Id.CompareTo(b.Id));
            var journal = new Dictionary<(Guid Account, BalanceKind Kind, string Asset), decimal>();
            foreach (var entry in entries)
            {
                if (EntryProblem(entry) is { } problem)
                {
                    return new LedgerCheckReport(false, problem, entries.IndexOf(entry) + 1, 0);
                }

                foreach (var line in entry.Lines)
                {
                    if (JournalPoster.CustomerKind(line.Book) is { } kind)
                    {
                        var key = (line.AccountId!.Value, kind, line.Asset);
                        journal[key] = journal.GetValueOrDefault(key) + line.Amount;
                    }
                }
            }

            var balances = await db.Balances.ToListAsync(cancellationToken);
            var accounts = await db.Accounts.Select(a => a.Id).ToListAsync(cancellationToken);
            accounts.Sort();
            var checkedAccounts = 0;
            foreach (var account in accounts)
            {
                checkedAccounts++;
                var own = balances.Where(b => b.AccountId == account).ToDictionary(b => (b.AccountId, b.Kind, b.Asset), b => b.Amount);
                foreach (var key in own.Keys.Union(journal.Keys.Where(k => k.Account == account)).OrderBy(k => k.Kind).ThenBy(k => k.Item3, StringComparer.Ordinal))
                {
                    var stored = own.GetValueOrDefault(key);
                    var expected = journal.GetValueOrDefault(key);
                    if (stored != expected)
                    {
                        return new LedgerCheckReport(false, string.Create(CultureInfo.InvariantCulture,
                            $"account {account}: {Backend.LedgerNames.Of(key.Item2)} {key.Item3} balance is {stored} but its journal sums to {expected}"),
                            entries.Count, checkedAccounts);
                    }
                }
            }

            var orphan = balances.FirstOrDefault(b => !accounts.Contains(b.AccountId));
            return orphan is not null
                ? new LedgerCheckReport(false, $"balance of unknown account {orphan.AccountId}", entries.Count, checkedAccounts)
                : new LedgerCheckReport(true, null, entries.Count, checkedAccounts);
        }, cancellationToken);

    private static string? EntryProblem(JournalEntry entry)
    {
        var name = $"entry {entry.Reference} ({entry.Id})";
        if (entry.Lines.Count < 2)
        {
            return $"{name} has fewer than two lines";
        }

        if (entry.Lines.FirstOrDefault(l => (JournalPoster.CustomerKind(l.Book) is null) != (l.AccountId is null)) is { } misplaced)
        {
            return $"{name} line {misplaced.LineNo}: a {Backend.LedgerNames.Of(misplaced.Book)} line must {(misplaced.AccountId is null ? "name" : "not name")} an account";
        }

        var off = entry.Lines.GroupBy(l => (JournalPoster.IsQuantity(l.Book), l.Asset)).FirstOrDefault(g => g.Sum(l => l.Amount) != 0m);
        return off is null
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{name} does not balance in {off.Key.Asset}: its lines sum to {off.Sum(l => l.Amount)}");
    }
}
