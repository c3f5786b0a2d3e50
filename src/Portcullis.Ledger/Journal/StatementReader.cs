using Microsoft.EntityFrameworkCore;
using Portcullis.Ledger.Backend;
using Portcullis.Ledger.Persistence;

namespace Portcullis.Ledger.Journal;

/// <summary>An account's journal entries for a period (at most 366 days), oldest first.</summary>
internal sealed class StatementReader(LedgerDatabase database)
{
    private static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(366);

    public async Task<LedgerResult<Statement>> ReadAsync(Guid accountId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        if (to <= from || to - from > MaxPeriod)
        {
            return LedgerErrors.Error(LedgerErrors.InvalidPeriod, "The period must end after it starts and span at most 366 days.");
        }

        var (exists, entries) = await database.ReadSnapshotAsync(async db => (
            await db.Accounts.AnyAsync(a => a.Id == accountId, cancellationToken),
            await db.JournalEntries.Include(e => e.Lines)
                .Where(e => e.AccountId == accountId && e.PostedAt >= from && e.PostedAt < to)
                .OrderBy(e => e.PostedAt).ThenBy(e => e.Id).ToListAsync(cancellationToken)), cancellationToken);
        if (!exists)
        {
            return LedgerErrors.Error(LedgerErrors.AccountNotFound, "No such ledger account.");
        }

        return new Statement(accountId, from, to, entries.Select(e => new StatementEntry(e.Id, e.Reference, e.Kind, e.Description, e.PostedAt,
            e.Lines.OrderBy(l => l.LineNo).Select(l => new StatementLine(l.Book, l.Asset, l.Amount)).ToList())).ToList());
    }
}
