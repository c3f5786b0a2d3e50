using Portcullis.Ledger.Accounts;
using Portcullis.Ledger.Funding;
using Portcullis.Ledger.Instruments;
using Portcullis.Ledger.Journal;
using Portcullis.Ledger.Margin;
using Portcullis.Ledger.Orders;
using Portcullis.Ledger.Prices;

namespace Portcullis.Ledger.Backend;

/// <summary>
/// What the gate calls once the policy has allowed an operation. The paper ledger (<see cref="PaperBrokerage"/>)
/// implements it; a later proxy mode to a real broker will too. Inputs are plain values (the gate's account id, wire
/// names, decimals); every expected failure is a <see cref="LedgerResult{T}"/> with a <c>ledger.*</c> code
/// (<see cref="LedgerErrors"/>), never an exception. Amounts are in the currency named beside them.
/// </summary>
public interface IBrokerageBackend
{
    Task<IReadOnlyList<Instrument>> GetInstrumentsAsync(CancellationToken cancellationToken);

    Task<LedgerResult<PriceQuote>> GetQuoteAsync(string symbol, CancellationToken cancellationToken);

    Task<LedgerResult<Portfolio>> GetPortfolioAsync(Guid accountId, CancellationToken cancellationToken);

    /// <summary>
    /// The order's value (quantity × price × multiplier) in the instrument's and the account's base currency, after the
    /// same validation as placement (but no funds check): the policy's <c>notional</c> attribute.
    /// </summary>
    Task<LedgerResult<OrderNotional>> ComputeNotionalAsync(Guid accountId, OrderRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Validates and places an order; a marketable one fills at once. With an <paramref name="idempotencyKey"/>, a retry
    /// with the same body returns the first order as it is now; a different body is <c>ledger.idempotency_conflict</c>.
    /// </summary>
    Task<LedgerResult<OrderInfo>> PlaceOrderAsync(Guid accountId, OrderRequest request, string? idempotencyKey, CancellationToken cancellationToken);

    Task<LedgerResult<OrderInfo>> CancelOrderAsync(Guid accountId, Guid orderId, CancellationToken cancellationToken);

    /// <summary>Cancels an open order and places its replacement atomically; returns the new order.</summary>
    Task<LedgerResult<OrderInfo>> ReplaceOrderAsync(Guid accountId, Guid orderId, OrderChange change, CancellationToken cancellationToken);

    Task<LedgerResult<IReadOnlyList<OrderInfo>>> GetOrdersAsync(Guid accountId, bool openOnly, CancellationToken cancellationToken);

    /// <summary>The account's fills with a sequence above <paramref name="afterSequence"/> (0 for all), oldest first.</summary>
    Task<LedgerResult<IReadOnlyList<FillInfo>>> GetFillsAsync(Guid accountId, long afterSequence, CancellationToken cancellationToken);

    /// <summary>
    /// Every account's fills after <paramref name="cursor"/>, in sequence order, at most <paramref name="max"/>: the feed
    /// for trade confirmations. Sequences commit in order, so remembering the last one seen never misses a fill.
    /// </summary>
    Task<IReadOnlyList<FillInfo>> GetFillsAfterAsync(long cursor, int max, CancellationToken cancellationToken);

    Task<LedgerResult<DepositInfo>> DepositAsync(Guid accountId, string currency, decimal amount, string? idempotencyKey, CancellationToken cancellationToken);

    Task<LedgerResult<DestinationInfo>> AddDestinationAsync(Guid accountId, string name, string bankAccount, CancellationToken cancellationToken);

    Task<LedgerResult<IReadOnlyList<DestinationInfo>>> GetDestinationsAsync(Guid accountId, CancellationToken cancellationToken);

    Task<LedgerResult<DestinationInfo>> RemoveDestinationAsync(Guid accountId, Guid destinationId, CancellationToken cancellationToken);

    Task<LedgerResult<WithdrawalInfo>> WithdrawAsync(Guid accountId, Guid destinationId, string currency, decimal amount, string? idempotencyKey,
        CancellationToken cancellationToken);

    Task<LedgerResult<IReadOnlyList<WithdrawalInfo>>> GetWithdrawalsAsync(Guid accountId, CancellationToken cancellationToken);

    Task<LedgerResult<MarginSettings>> GetMarginAsync(Guid accountId, CancellationToken cancellationToken);

    /// <summary><paramref name="mode"/> is <c>cash</c> (leverage 1) or <c>margin</c> (1 to <c>Ledger:MaxLeverage</c>).</summary>
    Task<LedgerResult<MarginSettings>> ChangeMarginAsync(Guid accountId, string mode, decimal leverage, CancellationToken cancellationToken);

    /// <summary>Journal entries posted in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    Task<LedgerResult<Statement>> GetStatementAsync(Guid accountId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
