using System.Globalization;
using Portcullis.Ledger.Accounts;
using Portcullis.Ledger.Backend;
using Portcullis.Ledger.Instruments;
using Portcullis.Ledger.Journal;
using Portcullis.Ledger.Margin;
using Portcullis.Ledger.Persistence;
using Portcullis.Ledger.Prices;

namespace Portcullis.Ledger.Orders;

/// <summary>
/// Meets an open order with a reference price: triggers stops, fills marketable orders at the reference price
/// (all or none), and books the fill as one journal entry. Runs inside the account's unit of work.
/// </summary>
internal sealed class OrderExecutor(IPriceSource prices, FxConverter fx)
{
    public async Task<(ExecutionOutcome Outcome, LedgerError? Error)> ExecuteAsync(LedgerDbContext db, AccountSnapshot snapshot, Order order,
        Instrument instrument, decimal price, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var buy = order.Side == OrderSide.Buy;
        if (order.Type is OrderType.Stop or OrderType.StopLimit && !order.StopTriggered)
        {
            // A buy stop triggers when the price rises to the stop, a sell stop when it falls to it.
            if (buy ? price < order.StopPrice : price > order.StopPrice)
            {
                return (ExecutionOutcome.Resting, null);
            }

            order.StopTriggered = true;
            order.UpdatedAt = now;
        }

        if (order.Type is OrderType.Limit or OrderType.StopLimit && (buy ? price > order.LimitPrice : price < order.LimitPrice))
        {
            return (ExecutionOutcome.Resting, null);
        }

        var notional = Money.Round(order.Quantity * price * instrument.Multiplier);
        if (await CheckFundsAsync(snapshot, order, instrument, notional, cancellationToken) is { } error)
        {
            return (ExecutionOutcome.Rejected, error);
        }

        await FillAsync(db, snapshot, order, instrument, price, notional, now, cancellationToken);
        return (ExecutionOutcome.Filled, null);
    }

    /// <summary>Funds at fill time, leaving this order's own reservation out.</summary>
    public async Task<LedgerError?> CheckFundsAsync(AccountSnapshot snapshot, Order order, Instrument instrument, decimal notional,
        CancellationToken cancellationToken)
    {
        if (order.Side == OrderSide.Sell)
        {
            return snapshot.Position(order.Symbol) - snapshot.ReservedQuantity(order.Symbol, order.Id) >= order.Quantity
                ? null
                : LedgerErrors.Error(LedgerErrors.InsufficientPosition, "The account does not hold that quantity (short sales are not supported).");
        }

        if (snapshot.Account.MarginMode == MarginMode.Cash)
        {
            return snapshot.AvailableCash(instrument.Currency, order.Id) >= notional
                ? null
                : LedgerErrors.Format(LedgerErrors.InsufficientBuyingPower, $"Not enough available {instrument.Currency} cash for this order.");
        }

        if (await fx.ConvertAsync(notional, instrument.Currency, snapshot.Account.BaseCurrency, cancellationToken) is not { } inBase)
        {
            return LedgerErrors.Error(LedgerErrors.FxRateUnavailable, "No exchange rate to the account's base currency.");
        }

        return await snapshot.BuyingPowerAsync(prices, fx, order.Id, cancellationToken) switch
        {
            null => LedgerErrors.Error(LedgerErrors.PriceUnavailable, "The account's positions cannot be valued right now."),
            var power when power >= inBase => null,
            _ => LedgerErrors.Error(LedgerErrors.InsufficientBuyingPower, "Not enough buying power for this order."),
        };
    }

    private static async Task FillAsync(LedgerDbContext db, AccountSnapshot snapshot, Order order, Instrument instrument, decimal price,
        decimal notional, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var account = order.AccountId;
        var sign = order.Side == OrderSide.Buy ? 1m : -1m;
        var held = snapshot.Position(order.Symbol);
        var position = await JournalPoster.GetOrAddBalanceAsync(db, account, BalanceKind.Position, order.Symbol, cancellationToken);
        if (!snapshot.Balances.Contains(position))
        {
            snapshot.Balances.Add(position);
        }

        // Average cost: a buy adds what it paid; a sell removes the sold share of the cost.
        position.CostBasis = order.Side == OrderSide.Buy
            ? Money.Round(position.CostBasis + notional)
            : held == order.Quantity ? 0m : Money.Round(position.CostBasis - position.CostBasis * order.Quantity / held);

        var description = string.Create(CultureInfo.InvariantCulture,
            $"{LedgerNames.Of(order.Side)} {order.Quantity} {order.Symbol} @ {price} {instrument.Currency}");
        var entry = await JournalPoster.PostAsync(db, account, $"fill:{order.Id:N}", "fill", description, now,
        [
            new Posting(JournalBook.Position, account, order.Symbol, sign * order.Quantity),
            new Posting(JournalBook.MarketPosition, null, order.Symbol, -sign * order.Quantity),
            new Posting(JournalBook.Cash, account, instrument.Currency, -sign * notional),
            new Posting(JournalBook.MarketCash, null, instrument.Currency, sign * notional),
        ], cancellationToken);
        foreach (var cash in db.ChangeTracker.Entries<Balance>().Select(e => e.Entity).Where(b => b.AccountId == account && !snapshot.Balances.Contains(b)))
        {
            snapshot.Balances.Add(cash);
        }

        db.Fills.Add(new Fill
        {
            Sequence = await LedgerDatabase.NextFillSequenceAsync(db, cancellationToken),
            Id = Guid.CreateVersion7(now),
            OrderId = order.Id,
            AccountId = account,
            Symbol = order.Symbol,
            Side = order.Side,
            Quantity = order.Quantity,
            Price = price,
            Currency = instrument.Currency,
            Notional = notional,
            ExecutedAt = now,
            JournalEntryId = entry.Id,
        });
        order.Status = OrderStatus.Filled;
        order.FillPrice = price;
        order.UpdatedAt = now;
    }
}
