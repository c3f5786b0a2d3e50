using Microsoft.EntityFrameworkCore;
using Portcullis.Ledger.Accounts;
using Portcullis.Ledger.Funding;
using Portcullis.Ledger.Instruments;
using Portcullis.Ledger.Journal;
using Portcullis.Ledger.Margin;
using Portcullis.Ledger.Orders;
using Portcullis.Ledger.Persistence;
using Portcullis.Ledger.Prices;

namespace Portcullis.Ledger.Backend;

/// <summary>The paper-trading ledger: the default <see cref="IBrokerageBackend"/>, double-entry books in its own tables.</summary>
public sealed class PaperBrokerage : IBrokerageBackend, ILedgerAdministration, IDisposable
{
    private readonly LedgerDatabase _database;
    private readonly AccountDesk _accounts;
    private readonly InstrumentDesk _instruments;
    private readonly PortfolioReader _portfolio;
    private readonly OrderDesk _orders;
    private readonly FundingDesk _funding;
    private readonly MarginDesk _margin;
    private readonly JournalChecker _checker;
    private readonly StatementReader _statements;

    public PaperBrokerage(LedgerOptions options, IPriceSource prices, TimeProvider time)
    {
        _database = new LedgerDatabase(options);
        _accounts = new AccountDesk(_database, time);
        _instruments = new InstrumentDesk(_database, prices);
        _portfolio = new PortfolioReader(_database, prices);
        _orders = new OrderDesk(_database, prices, options, time);
        _funding = new FundingDesk(_database, prices, options, time);
        _margin = new MarginDesk(_database, prices, options);
        _checker = new JournalChecker(_database);
        _statements = new StatementReader(_database);
    }

    public Task MigrateAsync(CancellationToken cancellationToken) => _database.MigrateAsync(cancellationToken);

    public Task<LedgerResult<AccountInfo>> OpenAccountAsync(Guid accountId, string baseCurrency, string legalEntity, string jurisdiction,
        CancellationToken cancellationToken) => _accounts.OpenAsync(accountId, baseCurrency, legalEntity, jurisdiction, cancellationToken);

    public Task<LedgerResult<AccountInfo>> GetAccountAsync(Guid accountId, CancellationToken cancellationToken) =>
        _accounts.GetAsync(accountId, cancellationToken);

    public Task<LedgerResult<Instrument>> UpsertInstrumentAsync(Instrument instrument, CancellationToken cancellationToken) =>
        _instruments.UpsertAsync(instrument, cancellationToken);

    public Task<PriceProcessingReport> ProcessPricesAsync(CancellationToken cancellationToken) => _orders.ProcessPricesAsync(cancellationToken);

    public Task<LedgerCheckReport> CheckAsync(CancellationToken cancellationToken) => _checker.CheckAsync(cancellationToken);

    public Task<IReadOnlyList<Instrument>> GetInstrumentsAsync(CancellationToken cancellationToken) => _instruments.ListAsync(cancellationToken);

    public Task<LedgerResult<PriceQuote>> GetQuoteAsync(string symbol, CancellationToken cancellationToken) =>
        _instruments.QuoteAsync(symbol, cancellationToken);

    public Task<LedgerResult<Portfolio>> GetPortfolioAsync(Guid accountId, CancellationToken cancellationToken) =>
        _portfolio.ReadAsync(accountId, cancellationToken);

    public Task<LedgerResult<OrderNotional>> ComputeNotionalAsync(Guid accountId, OrderRequest request, CancellationToken cancellationToken) =>
        _orders.ComputeNotionalAsync(accountId, request, cancellationToken);

    public Task<LedgerResult<OrderInfo>> PlaceOrderAsync(Guid accountId, OrderRequest request, string? idempotencyKey, CancellationToken cancellationToken) =>
        _orders.PlaceAsync(accountId, request, idempotencyKey, cancellationToken);

    public Task<LedgerResult<OrderInfo>> CancelOrderAsync(Guid accountId, Guid orderId, CancellationToken cancellationToken) =>
        _orders.CancelAsync(accountId, orderId, cancellationToken);

    public Task<LedgerResult<OrderInfo>> ReplaceOrderAsync(Guid accountId, Guid orderId, OrderChange change, CancellationToken cancellationToken) =>
        _orders.ReplaceAsync(accountId, orderId, change, cancellationToken);

    public async Task<LedgerResult<IReadOnlyList<OrderInfo>>> GetOrdersAsync(Guid accountId, bool openOnly, CancellationToken cancellationToken)
    {
        var (exists, orders) = await _database.ReadAsync(async db => (
            await db.Accounts.AnyAsync(a => a.Id == accountId, cancellationToken),
            await db.Orders.Where(o => o.AccountId == accountId && (!openOnly || o.Status == OrderStatus.Open))
                .OrderBy(o => o.CreatedAt).ThenBy(o => o.Id).ToListAsync(cancellationToken)), cancellationToken);
        return exists
            ? LedgerResult<IReadOnlyList<OrderInfo>>.Success(orders.Select(OrderInfo.From).ToList())
            : LedgerErrors.Error(LedgerErrors.AccountNotFound, "No such ledger account.");
    }

    public async Task<LedgerResult<IReadOnlyList<FillInfo>>> GetFillsAsync(Guid accountId, long afterSequence, CancellationToken cancellationToken)
    {
        var (exists, fills) = await _database.ReadAsync(async db => (
            await db.Accounts.AnyAsync(a => a.Id == accountId, cancellationToken),
            await db.Fills.Where(f => f.AccountId == accountId && f.Sequence > afterSequence).OrderBy(f => f.Sequence).ToListAsync(cancellationToken)),
            cancellationToken);
        return exists
            ? LedgerResult<IReadOnlyList<FillInfo>>.Success(fills.Select(FillInfo.From).ToList())
            : LedgerErrors.Error(LedgerErrors.AccountNotFound, "No such ledger account.");
    }

    public async Task<IReadOnlyList<FillInfo>> GetFillsAfterAsync(long cursor, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var fills = await _database.ReadAsync(db => db.Fills.Where(f => f.Sequence > cursor).OrderBy(f => f.Sequence).Take(max)
            .ToListAsync(cancellationToken), cancellationToken);
        return fills.Select(FillInfo.From).ToList();
    }

    public Task<LedgerResult<DepositInfo>> DepositAsync(Guid accountId, string currency, decimal amount, string? idempotencyKey,
        CancellationToken cancellationToken) => _funding.DepositAsync(accountId, currency, amount, idempotencyKey, cancellationToken);

    public Task<LedgerResult<DestinationInfo>> AddDestinationAsync(Guid accountId, string name, string bankAccount, CancellationToken cancellationToken) =>
        _funding.AddDestinationAsync(accountId, name, bankAccount, cancellationToken);

    public Task<LedgerResult<IReadOnlyList<DestinationInfo>>> GetDestinationsAsync(Guid accountId, CancellationToken cancellationToken) =>
        _funding.ListDestinationsAsync(accountId, cancellationToken);

    public Task<LedgerResult<DestinationInfo>> RemoveDestinationAsync(Guid accountId, Guid destinationId, CancellationToken cancellationToken) =>
        _funding.RemoveDestinationAsync(accountId, destinationId, cancellationToken);

    public Task<LedgerResult<WithdrawalInfo>> WithdrawAsync(Guid accountId, Guid destinationId, string currency, decimal amount,
        string? idempotencyKey, CancellationToken cancellationToken) =>
        _funding.WithdrawAsync(accountId, destinationId, currency, amount, idempotencyKey, cancellationToken);

    public Task<LedgerResult<IReadOnlyList<WithdrawalInfo>>> GetWithdrawalsAsync(Guid accountId, CancellationToken cancellationToken) =>
        _funding.ListWithdrawalsAsync(accountId, cancellationToken);

    public Task<LedgerResult<MarginSettings>> GetMarginAsync(Guid accountId, CancellationToken cancellationToken) =>
        _margin.GetAsync(accountId, cancellationToken);

    public Task<LedgerResult<MarginSettings>> ChangeMarginAsync(Guid accountId, string mode, decimal leverage, CancellationToken cancellationToken) =>
        _margin.ChangeAsync(accountId, mode, leverage, cancellationToken);

    public Task<LedgerResult<Statement>> GetStatementAsync(Guid accountId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        _statements.ReadAsync(accountId, from, to, cancellationToken);

    public void Dispose() => _database.Dispose();
}
