using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Portcullis.Ledger.Accounts;
using Portcullis.Ledger.Instruments;
using Portcullis.Ledger.Orders;

namespace Portcullis.Ledger.Persistence;

/// <summary>
/// The reads behind every portfolio read and every order (an account, its balances, its open orders, the instruments they
/// name), compiled once (<see cref="EF.CompileAsyncQuery{TContext, TParam1, TResult}(System.Linq.Expressions.Expression{Func{TContext, TParam1, CancellationToken, TResult}})"/>)
/// instead of having EF Core build and look up their LINQ expression on every call. A compiled query fixes whether it
/// tracks what it returns, and the ledger reads both ways (<see cref="LedgerDatabase.ReadSnapshotAsync{T}"/> does not track,
/// a write does): each query comes in both forms and the context's <see cref="Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker.QueryTrackingBehavior"/>
/// picks one. A compiled query runs against the one model it was compiled for: <see cref="For"/> keeps one set per model.
/// </summary>
internal sealed class LedgerQueries
{
    private static readonly ConditionalWeakTable<IModel, LedgerQueries> ByModel = new();

    private readonly Func<LedgerDbContext, Guid, CancellationToken, Task<LedgerAccount?>> _account =
        EF.CompileAsyncQuery((LedgerDbContext db, Guid id, CancellationToken _) => db.Accounts.AsTracking().SingleOrDefault(a => a.Id == id));

    private readonly Func<LedgerDbContext, Guid, CancellationToken, Task<LedgerAccount?>> _accountUntracked =
        EF.CompileAsyncQuery((LedgerDbContext db, Guid id, CancellationToken _) => db.Accounts.AsNoTracking().SingleOrDefault(a => a.Id == id));

    private readonly Func<LedgerDbContext, Guid, IAsyncEnumerable<Balance>> _balances =
        EF.CompileAsyncQuery((LedgerDbContext db, Guid accountId) => db.Balances.AsTracking().Where(b => b.AccountId == accountId));

    private readonly Func<LedgerDbContext, Guid, IAsyncEnumerable<Balance>> _balancesUntracked =
        EF.CompileAsyncQuery((LedgerDbContext db, Guid accountId) => db.Balances.AsNoTracking().Where(b => b.AccountId == accountId));

    private readonly Func<LedgerDbContext, Guid, IAsyncEnumerable<Order>> _openOrders =
        EF.CompileAsyncQuery((LedgerDbContext db, Guid accountId) =>
            db.Orders.AsTracking().Where(o => o.AccountId == accountId && o.Status == OrderStatus.Open));

    private readonly Func<LedgerDbContext, Guid, IAsyncEnumerable<Order>> _openOrdersUntracked =
        EF.CompileAsyncQuery((LedgerDbContext db, Guid accountId) =>
            db.Orders.AsNoTracking().Where(o => o.AccountId == accountId && o.Status == OrderStatus.Open));

    private readonly Func<LedgerDbContext, List<string>, IAsyncEnumerable<Instrument>> _instruments =
        EF.CompileAsyncQuery((LedgerDbContext db, List<string> symbols) => db.Instruments.AsTracking().Where(i => symbols.Contains(i.Symbol)));

    private readonly Func<LedgerDbContext, List<string>, IAsyncEnumerable<Instrument>> _instrumentsUntracked =
        EF.CompileAsyncQuery((LedgerDbContext db, List<string> symbols) => db.Instruments.AsNoTracking().Where(i => symbols.Contains(i.Symbol)));

    /// <summary>The compiled queries for <paramref name="db"/>'s model.</summary>
    public static LedgerQueries For(LedgerDbContext db) => ByModel.GetValue(db.Model, _ => new LedgerQueries());

    public Task<LedgerAccount?> AccountAsync(LedgerDbContext db, Guid id, CancellationToken cancellationToken) =>
        Tracks(db) ? _account(db, id, cancellationToken) : _accountUntracked(db, id, cancellationToken);

    public Task<List<Balance>> BalancesAsync(LedgerDbContext db, Guid accountId, CancellationToken cancellationToken) =>
        (Tracks(db) ? _balances(db, accountId) : _balancesUntracked(db, accountId)).ToListAsync(cancellationToken).AsTask();

    public Task<List<Order>> OpenOrdersAsync(LedgerDbContext db, Guid accountId, CancellationToken cancellationToken) =>
        (Tracks(db) ? _openOrders(db, accountId) : _openOrdersUntracked(db, accountId)).ToListAsync(cancellationToken).AsTask();

    public async Task<Dictionary<string, Instrument>> InstrumentsAsync(LedgerDbContext db, List<string> symbols, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, Instrument>(StringComparer.Ordinal);
        if (symbols.Count == 0)
        {
            return found;
        }

        await foreach (var instrument in (Tracks(db) ? _instruments(db, symbols) : _instrumentsUntracked(db, symbols)).WithCancellation(cancellationToken))
        {
            found.Add(instrument.Symbol, instrument);
        }

        return found;
    }

    private static bool Tracks(LedgerDbContext db) => db.ChangeTracker.QueryTrackingBehavior == QueryTrackingBehavior.TrackAll;
}
