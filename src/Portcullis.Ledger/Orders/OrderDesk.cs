using Microsoft.EntityFrameworkCore;
using Portcullis.Ledger.Accounts;
using Portcullis.Ledger.Backend;
using Portcullis.Ledger.Persistence;
using Portcullis.Ledger.Prices;

namespace Portcullis.Ledger.Orders;

/// <summary>Places, cancels, replaces and prices orders. Every change runs under the account's lock, all or nothing.</summary>
internal sealed class OrderDesk(LedgerDatabase database, IPriceSource prices, LedgerOptions options, TimeProvider time)
{
    private readonly FxConverter _fx = new(prices);
    private readonly OrderExecutor _executor = new(prices, new FxConverter(prices));

    public async Task<LedgerResult<OrderNotional>> ComputeNotionalAsync(Guid accountId, OrderRequest request, CancellationToken cancellationToken)
    {
        var (account, instrument) = await database.ReadAsync(async db => (
            await LedgerQueries.For(db).AccountAsync(db, accountId, cancellationToken),
            await db.Instruments.SingleOrDefaultAsync(i => i.Symbol == request.Symbol, cancellationToken)), cancellationToken);
        if (account is null)
        {
            return LedgerErrors.Error(LedgerErrors.AccountNotFound, "No such ledger account.");
        }

        var valid = OrderValidator.Validate(request, instrument, options);
        return valid.IsSuccess ? await NotionalAsync(account, valid.Value, cancellationToken) : valid.Error;
    }

    public Task<LedgerResult<OrderInfo>> PlaceAsync(Guid accountId, OrderRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (OrderValidator.CheckIdempotencyKey(idempotencyKey) is { } keyError)
        {
            return Task.FromResult<LedgerResult<OrderInfo>>(keyError);
        }

        return database.WriteAsync(accountId, async (db, account) =>
        {
            var instrument = await db.Instruments.SingleOrDefaultAsync(i => i.Symbol == request.Symbol, cancellationToken);
            var valid = OrderValidator.Validate(request, instrument, options);
            if (idempotencyKey is not null
                && await db.Orders.SingleOrDefaultAsync(o => o.AccountId == accountId && o.IdempotencyKey == idempotencyKey, cancellationToken) is { } earlier)
            {
                // A retry of the same body gets the first result; anything else under the key is refused.
                return valid.IsSuccess && valid.Value.RequestHash == earlier.RequestHash
                    ? OrderInfo.From(earlier) with { Replayed = true }
                    : LedgerErrors.Error(LedgerErrors.IdempotencyConflict, "This idempotency key was used for a different order.");
            }

            return valid.IsSuccess
                ? await OpenAsync(db, account, valid.Value, idempotencyKey, null, cancellationToken)
                : valid.Error;
        }, cancellationToken);
    }

    public Task<LedgerResult<OrderInfo>> CancelAsync(Guid accountId, Guid orderId, CancellationToken cancellationToken) =>
        database.WriteAsync(accountId, async (db, account) =>
        {
            var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == orderId && o.AccountId == accountId, cancellationToken);
            if (order is null)
            {
                return LedgerErrors.Error(LedgerErrors.OrderNotFound, "No such order.");
            }

            if (order.Status != OrderStatus.Open)
            {
                return LedgerErrors.Error(LedgerErrors.OrderNotOpen, "Only an open order can be cancelled.");
            }

            order.Status = OrderStatus.Cancelled;
            order.UpdatedAt = time.GetUtcNow();
            return LedgerResult<OrderInfo>.Success(OrderInfo.From(order));
        }, cancellationToken);

    /// <summary>Cancels an open order and opens its replacement in one unit: both happen or neither does.</summary>
    public Task<LedgerResult<OrderInfo>> ReplaceAsync(Guid accountId, Guid orderId, OrderChange change, CancellationToken cancellationToken) =>
        database.WriteAsync(accountId, async (db, account) =>
        {
            var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == orderId && o.AccountId == accountId, cancellationToken);
            if (order is null)
            {
                return LedgerErrors.Error(LedgerErrors.OrderNotFound, "No such order.");
            }

            if (order.Status != OrderStatus.Open)
            {
                return LedgerErrors.Error(LedgerErrors.OrderNotOpen, "Only an open order can be replaced.");
            }

            var instrument = await db.Instruments.SingleAsync(i => i.Symbol == order.Symbol, cancellationToken);
            var request = new OrderRequest(order.Symbol, LedgerNames.Of(order.Side), LedgerNames.Of(order.Type), change.Quantity,
                change.LimitPrice, change.StopPrice, LedgerNames.Of(order.TimeInForce));
            var valid = OrderValidator.Validate(request, instrument, options);
            if (!valid.IsSuccess)
            {
                return valid.Error;
            }

            order.Status = OrderStatus.Replaced;
            order.UpdatedAt = time.GetUtcNow();
            return await OpenAsync(db, account, valid.Value, null, order.Id, cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// Expires day orders past their cut-off, triggers stops and fills resting orders that the reference price has
    /// crossed. Each order is its own unit of work; a fill that the account can no longer pay for rejects the order.
    /// </summary>
    public async Task<PriceProcessingReport> ProcessPricesAsync(CancellationToken cancellationToken)
    {
        var open = await database.ReadAsync(db => db.Orders.Where(o => o.Status == OrderStatus.Open)
            .OrderBy(o => o.CreatedAt).Select(o => new { o.Id, o.AccountId }).ToListAsync(cancellationToken), cancellationToken);
        int filled = 0, triggered = 0, rejected = 0, expired = 0;
        foreach (var item in open)
        {
            var result = await database.WriteAsync(item.AccountId, async (db, account) =>
            {
                var order = await db.Orders.SingleAsync(o => o.Id == item.Id, cancellationToken);
                var now = time.GetUtcNow();
                if (order.Status != OrderStatus.Open)
                {
                    return LedgerResult<ProcessOutcome>.Success(ProcessOutcome.Unchanged);
                }

                if (order.ExpiresAt is { } expiry && now >= expiry)
                {
                    order.Status = OrderStatus.Expired;
                    order.UpdatedAt = now;
                    return ProcessOutcome.Expired;
                }

                if (await prices.GetQuoteAsync(order.Symbol, cancellationToken) is not { } quote)
                {
                    return ProcessOutcome.Unchanged;
                }

                var wasTriggered = order.StopTriggered;
                var instrument = await db.Instruments.SingleAsync(i => i.Symbol == order.Symbol, cancellationToken);
                var snapshot = await AccountSnapshot.LoadAsync(db, account, cancellationToken);
                var (outcome, error) = await _executor.ExecuteAsync(db, snapshot, order, instrument, quote.Price, now, cancellationToken);
                if (outcome == ExecutionOutcome.Rejected)
                {
                    order.Status = OrderStatus.Rejected;
                    order.RejectCode = error?.Code;
                    order.UpdatedAt = now;
                    return ProcessOutcome.Rejected;
                }

                return outcome == ExecutionOutcome.Filled ? ProcessOutcome.Filled
                    : order.StopTriggered && !wasTriggered ? ProcessOutcome.Triggered : ProcessOutcome.Unchanged;
            }, cancellationToken);
            switch (result.IsSuccess ? result.Value : ProcessOutcome.Unchanged)
            {
                case ProcessOutcome.Filled: filled++; break;
                case ProcessOutcome.Triggered: triggered++; break;
                case ProcessOutcome.Rejected: rejected++; break;
                case ProcessOutcome.Expired: expired++; break;
            }
        }

        return new PriceProcessingReport(filled, triggered, rejected, expired);
    }

    private async Task<LedgerResult<OrderInfo>> OpenAsync(LedgerDbContext db, LedgerAccount account, ValidOrder valid, string? idempotencyKey,
        Guid? replaces, CancellationToken cancellationToken)
    {
        var notional = await NotionalAsync(account, valid, cancellationToken);
        if (!notional.IsSuccess)
        {
            return notional.Error;
        }

        var now = time.GetUtcNow();
        var order = new Order
        {
            Id = Guid.CreateVersion7(now),
            AccountId = account.Id,
            IdempotencyKey = idempotencyKey,
            RequestHash = valid.RequestHash,
            Symbol = valid.Instrument.Symbol,
            Side = valid.Side,
            Type = valid.Type,
            TimeInForce = valid.TimeInForce,
            Quantity = valid.Quantity,
            LimitPrice = valid.LimitPrice,
            StopPrice = valid.StopPrice,
            Status = OrderStatus.Open,
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = valid.TimeInForce == TimeInForce.Day ? DayEnd(now) : null,
            ReplacesOrderId = replaces,
        };

        // Funds are checked at the order's own price (limit, else stop, else reference) before it may rest.
        var snapshot = await AccountSnapshot.LoadAsync(db, account, cancellationToken);
        snapshot.Instruments.TryAdd(valid.Instrument.Symbol, valid.Instrument);
        var reservation = Money.Round(valid.Quantity * notional.Value.Price * valid.Instrument.Multiplier);
        if (await _executor.CheckFundsAsync(snapshot, order, valid.Instrument, reservation, cancellationToken) is { } fundsError)
        {
            return fundsError;
        }

        db.Orders.Add(order);
        snapshot.OpenOrders.Add(order);
        if (await prices.GetQuoteAsync(order.Symbol, cancellationToken) is { } quote)
        {
            var (outcome, error) = await _executor.ExecuteAsync(db, snapshot, order, valid.Instrument, quote.Price, now, cancellationToken);
            if (outcome == ExecutionOutcome.Rejected)
            {
                return error!;
            }
        }

        return OrderInfo.From(order);
    }

    private async Task<LedgerResult<OrderNotional>> NotionalAsync(LedgerAccount account, ValidOrder valid, CancellationToken cancellationToken)
    {
        var instrument = valid.Instrument;
        decimal price;
        if (valid.LimitPrice is { } limit)
        {
            // Stop-limit: the worse of the two prices for the buyer or seller.
            price = valid.StopPrice is { } stop ? (valid.Side == OrderSide.Buy ? Math.Max(stop, limit) : Math.Min(stop, limit)) : limit;
        }
        else if (valid.StopPrice is { } stop)
        {
            price = stop;
        }
        else if (await prices.GetQuoteAsync(instrument.Symbol, cancellationToken) is { } quote)
        {
            price = quote.Price;
        }
        else
        {
            return LedgerErrors.Error(LedgerErrors.PriceUnavailable, "No reference price for this instrument right now.");
        }

        var amount = Money.Round(valid.Quantity * price * instrument.Multiplier);
        if (await _fx.ConvertAsync(amount, instrument.Currency, account.BaseCurrency, cancellationToken) is not { } inBase)
        {
            return LedgerErrors.Error(LedgerErrors.FxRateUnavailable, "No exchange rate to the account's base currency.");
        }

        if (inBase > options.MaxOrderNotional)
        {
            return LedgerErrors.Format(LedgerErrors.NotionalTooLarge, $"The order's value exceeds {options.MaxOrderNotional} {account.BaseCurrency}.");
        }

        return new OrderNotional(instrument.Symbol, instrument.AssetClass, valid.Type, price, instrument.Currency, amount, account.BaseCurrency, inBase);
    }

    private DateTimeOffset DayEnd(DateTimeOffset now)
    {
        var cutoff = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) + options.DayEndsAtUtc;
        return cutoff > now ? cutoff : cutoff.AddDays(1);
    }
}
