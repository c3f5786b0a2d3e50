using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Portcullis.Core.Audit;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;
using Portcullis.Ledger.Backend;
using Portcullis.Ledger.Orders;

namespace Portcullis.Server.Trading;

/// <summary>
/// Turns the ledger's fills into trade confirmations: for each fill, one audit event (<c>trade.executed</c>) and a
/// <c>trade.executed</c> notification to every member of the account, written in the same transaction that moves the
/// gate's cursor in the fill feed. A fill is therefore confirmed exactly once, even with several nodes (the cursor moves
/// by compare-and-set) and across restarts.
/// </summary>
public sealed partial class TradeConfirmations(IGateStore store, IBrokerageBackend ledger, IOptions<TradingOptions> options, TimeProvider time,
    ILogger<TradeConfirmations> logger)
{
    /// <summary>The cursor's name in <see cref="IFeedCursorStore"/>.</summary>
    public const string Feed = "ledger.fills";

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Asks the feed to look now (e.g. right after an order filled) rather than at its next interval.</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>Confirms every fill after the cursor, in batches; returns how many this node confirmed.</summary>
    public async Task<int> ConfirmPendingAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var confirmed = await ConfirmBatchAsync(cancellationToken);
            if (confirmed <= 0)
            {
                return total;
            }

            total += confirmed;
        }
    }

    /// <summary>Waits for a wake-up or the interval, whichever comes first, then confirms; until cancelled.</summary>
    internal async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var confirmed = await ConfirmPendingAsync(stoppingToken);
                if (confirmed > 0)
                {
                    LogConfirmed(logger, confirmed);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // E.g. a database is unreachable: nothing was committed, so the next pass starts from the same cursor.
                LogFailed(logger, ex);
            }

            using var timeout = new CancellationTokenSource(options.Value.ConfirmationInterval, time);
            using var interval = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
            try
            {
                await _wake.Reader.ReadAsync(interval.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // the interval passed
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <returns>The fills confirmed; 0 when there were none; -1 when another node confirmed them first.</returns>
    private async Task<int> ConfirmBatchAsync(CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        var cursor = await unit.FeedCursors.ReadAsync(Feed, cancellationToken);
        var fills = await ledger.GetFillsAfterAsync(cursor, options.Value.ConfirmationBatch, cancellationToken);
        if (fills.Count == 0)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        await unit.BeginAsync(cancellationToken);
        if (!await unit.FeedCursors.TryAdvanceAsync(Feed, cursor, fills[^1].Sequence, now, cancellationToken))
        {
            return -1;
        }

        var members = new Dictionary<Guid, IReadOnlyList<Guid>>();
        foreach (var fill in fills)
        {
            if (!members.TryGetValue(fill.AccountId, out var users))
            {
                users = (await unit.Accounts.ListMembersAsync(fill.AccountId, cancellationToken)).Select(m => m.UserId).ToList();
                members[fill.AccountId] = users;
            }

            var data = Describe(fill);
            unit.Audit.Append(new AuditRecord(AuditEventTypes.TradeExecuted, "ok", Actors.System, Actors.Account(fill.AccountId), null, data));
            foreach (var user in users)
            {
                Notify.Emit(unit, user, NotificationTypes.TradeExecuted, NotificationSeverity.Info, Summary(fill), data, now);
            }
        }

        await unit.CommitAsync(cancellationToken);
        return fills.Count;
    }

    /// <summary>e.g. "Bought 10 AAPL at 190.00 USD (1,900.00 USD)".</summary>
    public static string Summary(FillInfo fill) => string.Create(CultureInfo.InvariantCulture,
        $"{(fill.Side == OrderSide.Buy ? "Bought" : "Sold")} {fill.Quantity:0.##########} {fill.Symbol} at {fill.Price:0.##########} {fill.Currency} ({fill.Notional:N2} {fill.Currency})");

    private static Dictionary<string, object?> Describe(FillInfo fill) => new()
    {
        ["fill_id"] = fill.Id,
        ["sequence"] = fill.Sequence,
        ["order_id"] = fill.OrderId,
        ["account_id"] = fill.AccountId,
        ["symbol"] = fill.Symbol,
        ["side"] = LedgerNames.Of(fill.Side),
        ["quantity"] = fill.Quantity,
        ["price"] = fill.Price,
        ["currency"] = fill.Currency,
        ["notional"] = fill.Notional,
        ["executed_at"] = fill.ExecutedAt,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Confirmed {Count} fills")]
    private static partial void LogConfirmed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trade confirmation pass failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>The host's loop around <see cref="TradeConfirmations"/>.</summary>
internal sealed class TradeConfirmationService(TradeConfirmations confirmations) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => confirmations.RunAsync(stoppingToken);
}
