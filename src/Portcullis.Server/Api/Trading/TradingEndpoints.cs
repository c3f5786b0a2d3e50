using System.Globalization;
using Microsoft.Extensions.Options;
using Portcullis.Core.Accounts;
using Portcullis.Core.Audit;
using Portcullis.Core.Notifications;
using Portcullis.Core.Policy;
using Portcullis.Ledger.Backend;
using Portcullis.Ledger.Orders;
using Portcullis.Server.Auth;
using Portcullis.Server.Http;
using Portcullis.Server.Policy;
using Portcullis.Server.Trading;

namespace Portcullis.Server.Api.Trading;

/// <summary>
/// The trading, funding and margin API in front of the ledger (docs/trading.md). Every endpoint is an operation of the
/// policy with its attributes: an order's notional (quantity × price × multiplier, in the account's base currency), its
/// instrument, asset class, market and type; a withdrawal's amount and destination.
/// </summary>
internal static class TradingEndpoints
{
    private static readonly AccountRole[] Traders = [AccountRole.Owner, AccountRole.Trader];

    public static void Map(RouteGroupBuilder authenticated, RouteGroupBuilder account)
    {
        authenticated.MapGet("/instruments", async (IBrokerageBackend ledger, CancellationToken ct) =>
                TypedResults.Ok(new { items = await ledger.GetInstrumentsAsync(ct) }))
            .WithName("ListInstruments")
            .AllowApiKey()
            .RequireOperation(Operations.MarketDataRead)
            .WithSummary("The instruments that can be traded: symbol, asset class, market, currency, lot and tick size, multiplier");

        authenticated.MapGet("/quotes/{symbol}", async (string symbol, IBrokerageBackend ledger, CancellationToken ct) =>
                Answer(await ledger.GetQuoteAsync(symbol, ct)))
            .WithName("GetQuote")
            .AllowApiKey()
            .RequireOperation(Operations.MarketDataRead)
            .WithSummary("The reference price of an instrument, per unit in its currency");

        account.MapGet("/portfolio", async (HttpContext http, IBrokerageBackend ledger, CancellationToken ct) =>
                Answer(await ledger.GetPortfolioAsync(Id(http), ct)))
            .WithName("GetPortfolio")
            .AllowApiKey()
            .RequireOperation(Operations.PortfolioRead, Describe)
            .WithSummary("Cash per currency, positions with average cost and market value, equity and buying power");

        account.MapGet("/cash", async (HttpContext http, IBrokerageBackend ledger, CancellationToken ct) =>
            {
                var portfolio = await ledger.GetPortfolioAsync(Id(http), ct);
                return portfolio.IsSuccess ? TypedResults.Ok(new { items = portfolio.Value.Cash }) : Problem(portfolio.Error);
            })
            .WithName("GetCash")
            .AllowApiKey()
            .RequireOperation(Operations.PortfolioRead, Describe)
            .WithSummary("Cash per currency: the balance and what open buy orders have not reserved");

        account.MapGet("/orders", async (bool? open, HttpContext http, IBrokerageBackend ledger, CancellationToken ct) =>
                Items(await ledger.GetOrdersAsync(Id(http), open ?? false, ct)))
            .WithName("ListOrders")
            .AllowApiKey()
            .RequireOperation(Operations.PortfolioRead, Describe)
            .WithSummary("The account's orders, newest first; ?open=true for open ones only");

        account.MapGet("/orders/{orderId:guid}", async (Guid orderId, HttpContext http, IBrokerageBackend ledger, CancellationToken ct) =>
            {
                var orders = await ledger.GetOrdersAsync(Id(http), false, ct);
                return !orders.IsSuccess ? Problem(orders.Error)
                    : orders.Value.FirstOrDefault(o => o.Id == orderId) is { } order ? TypedResults.Ok(order)
                    : Problem(LedgerErrors.Error(LedgerErrors.OrderNotFound, "No such order in this account."));
            })
            .WithName("GetOrder")
            .AllowApiKey()
            .RequireOperation(Operations.PortfolioRead, Describe)
            .WithSummary("One order and where it is in its lifecycle");

        account.MapPost("/orders", PlaceOrderAsync)
            .WithName("PlaceOrder")
            .AllowApiKey()
            .RequireHoldableOperation(Operations.OrderPlace, HoldOrder, DescribeOrderAsync)
            .AllowRoles(Traders)
            .WithSummary("Place an order; a marketable one fills at once. Send an Idempotency-Key header so that a retry never places twice")
            .Accepts<OrderBody>("application/json")
            .Produces<OrderInfo>(StatusCodes.Status201Created);

        account.MapPost("/orders/{orderId:guid}/replace", ReplaceOrderAsync)
            .WithName("ReplaceOrder")
            .AllowApiKey()
            .RequireOperation(Operations.OrderReplace, DescribeReplaceAsync)
            .AllowRoles(Traders)
            .WithSummary("Cancel an open order and place its replacement (new quantity and prices) atomically")
            .Accepts<ReplaceOrderBody>("application/json")
            .Produces<OrderInfo>(StatusCodes.Status201Created);

        account.MapDelete("/orders/{orderId:guid}", async (Guid orderId, HttpContext http, IBrokerageBackend ledger, TradingAudit audit, CancellationToken ct) =>
            {
                var cancelled = await ledger.CancelOrderAsync(Id(http), orderId, ct);
                if (!cancelled.IsSuccess)
                {
                    return Problem(cancelled.Error);
                }

                await audit.WriteAsync(http, AuditEventTypes.OrderCancelled, OrderData(cancelled.Value), ct);
                return TypedResults.Ok(cancelled.Value);
            })
            .WithName("CancelOrder")
            .AllowApiKey()
            .RequireOperation(Operations.OrderCancel, Describe)
            .AllowRoles(Traders)
            .WithSummary("Cancel an open order (always allowed, like every protective action)");

        account.MapGet("/fills", async (long? after, HttpContext http, IBrokerageBackend ledger, CancellationToken ct) =>
                Items(await ledger.GetFillsAsync(Id(http), Math.Max(after ?? 0, 0), ct)))
            .WithName("ListFills")
            .AllowApiKey()
            .RequireOperation(Operations.PortfolioRead, Describe)
            .WithSummary("The account's executions, oldest first; ?after=<sequence> for the ones after a fill already seen");

        MapFunding(account);

        account.MapGet("/margin", async (HttpContext http, IBrokerageBackend ledger, CancellationToken ct) =>
                Answer(await ledger.GetMarginAsync(Id(http), ct)))
            .WithName("GetMargin")
            .AllowApiKey()
            .RequireOperation(Operations.PortfolioRead, Describe)
            .WithSummary("The account's margin setting (cash or margin, leverage) and the highest leverage allowed");

        account.MapPut("/margin", async (MarginBody? body, HttpContext http, IBrokerageBackend ledger, TradingAudit audit, CancellationToken ct) =>
            {
                if (body?.Mode is null)
                {
                    return Problems.Invalid(new Dictionary<string, string[]> { ["mode"] = ["Say cash or margin."] });
                }

                var changed = await ledger.ChangeMarginAsync(Id(http), body.Mode, body.Leverage ?? 1m, ct);
                if (!changed.IsSuccess)
                {
                    return Problem(changed.Error);
                }

                await audit.WriteAsync(http, AuditEventTypes.MarginChanged,
                    new() { ["mode"] = LedgerNames.Of(changed.Value.Mode), ["leverage"] = changed.Value.Leverage }, ct);
                return TypedResults.Ok(changed.Value);
            })
            .WithName("ChangeMargin")
            .RequireOperation(Operations.MarginChange, Describe)
            .AllowRoles(AccountRole.Owner)
            .WithSummary("Switch between a cash and a margin account or change the leverage (tier 1)")
            .Accepts<MarginBody>("application/json");

        account.MapGet("/statement", async (DateTimeOffset? from, DateTimeOffset? to, HttpContext http, IBrokerageBackend ledger, TimeProvider time,
                CancellationToken ct) =>
            {
                var end = to ?? time.GetUtcNow();
                return Answer(await ledger.GetStatementAsync(Id(http), from ?? end.AddDays(-30), end, ct));
            })
            .WithName("GetStatement")
            .AllowApiKey()
            .RequireOperation(Operations.PortfolioRead, Describe)
            .WithSummary("The journal entries posted in [from, to) (default: the last 30 days), at most 366 days");
    }

    private static void MapFunding(RouteGroupBuilder account)
    {
        account.MapPost("/deposits", async (DepositBody? body, HttpContext http, IBrokerageBackend ledger, TradingAudit audit, IOptions<TradingOptions> options,
                CancellationToken ct) =>
            {
                if (body?.Amount is not { } amount)
                {
                    return Problems.Invalid(new Dictionary<string, string[]> { ["amount"] = ["Give the amount to deposit."] });
                }

                var deposited = await DepositAsync(http, ledger, audit, body.Currency ?? options.Value.BaseCurrency, amount, IdempotencyKey(http), ct);
                if (!deposited.IsSuccess)
                {
                    return Problem(deposited.Error);
                }

                return TypedResults.Created($"/api/v1/accounts/{Id(http):D}/statement", deposited.Value);
            })
            .WithName("Deposit")
            .RequireOperation(Operations.DepositRequest, (c, r) => Describe(c, r) with { Amount = c.Arguments.OfType<DepositBody>().FirstOrDefault()?.Amount })
            .AllowRoles(AccountRole.Owner)
            .WithSummary("A demo deposit of cash; send an Idempotency-Key header so that a retry never deposits twice")
            .Accepts<DepositBody>("application/json");

        account.MapGet("/destinations", async (HttpContext http, IBrokerageBackend ledger, CancellationToken ct) =>
                Items(await ledger.GetDestinationsAsync(Id(http), ct)))
            .WithName("ListDestinations")
            .AllowApiKey()
            .RequireOperation(Operations.PortfolioRead, Describe)
            .WithSummary("Saved withdrawal destinations, each usable from the end of its hold (usable_from)");

        account.MapPost("/destinations", async (DestinationBody? body, HttpContext http, IBrokerageBackend ledger, TradingAudit audit, CancellationToken ct) =>
            {
                if (body?.Name is null || body.BankAccount is null)
                {
                    return Problems.Invalid(new Dictionary<string, string[]> { ["name"] = ["Give the destination a name and its bank_account."] });
                }

                var added = await AddDestinationAsync(http, ledger, audit, body.Name, body.BankAccount, ct);
                return added.IsSuccess ? TypedResults.Created($"/api/v1/accounts/{Id(http):D}/destinations", added.Value) : Problem(added.Error);
            })
            .WithName("AddDestination")
            .RequireOperation(Operations.DestinationAdd, (c, r) => Describe(c, r) with { Destination = c.Arguments.OfType<DestinationBody>().FirstOrDefault()?.Name })
            .AllowRoles(AccountRole.Owner)
            .WithSummary("Save a withdrawal destination (tier 1); it can be used only after Ledger:DestinationHold (24 h by default)")
            .Accepts<DestinationBody>("application/json");

        account.MapDelete("/destinations/{destinationId:guid}", async (Guid destinationId, HttpContext http, IBrokerageBackend ledger, TradingAudit audit,
                CancellationToken ct) =>
            {
                var removed = await RemoveDestinationAsync(http, ledger, audit, destinationId, ct);
                return removed.IsSuccess ? TypedResults.Ok(removed.Value) : Problem(removed.Error);
            })
            .WithName("RemoveDestination")
            .RequireOperation(Operations.DestinationRemove, (c, r) => Describe(c, r) with { Destination = c.Arguments.OfType<Guid>().FirstOrDefault().ToString("D") })
            .AllowRoles(AccountRole.Owner)
            .WithSummary("Remove a withdrawal destination (tier 1)");

        account.MapGet("/withdrawals", async (HttpContext http, IBrokerageBackend ledger, CancellationToken ct) =>
                Items(await ledger.GetWithdrawalsAsync(Id(http), ct)))
            .WithName("ListWithdrawals")
            .AllowApiKey()
            .RequireOperation(Operations.PortfolioRead, Describe)
            .WithSummary("The account's withdrawals, newest first");

        account.MapPost("/withdrawals", async (WithdrawalBody? body, HttpContext http, IBrokerageBackend ledger, TradingAudit audit, IOptions<TradingOptions> options,
                CancellationToken ct) =>
            {
                if (body?.DestinationId is not { } destination || body.Amount is not { } amount)
                {
                    return Problems.Invalid(new Dictionary<string, string[]> { ["destination_id"] = ["Give a saved destination_id and the amount."] });
                }

                var baseCurrency = options.Value.BaseCurrency;
                if (body.Currency is { } currency && !string.Equals(currency, baseCurrency, StringComparison.Ordinal))
                {
                    return Problems.Of(LedgerErrors.InvalidCurrency, $"Withdrawals are paid in the account's base currency, {baseCurrency}.");
                }

                var withdrawn = await WithdrawAsync(http, ledger, audit, destination, baseCurrency, amount, IdempotencyKey(http), ct);
                return withdrawn.IsSuccess ? TypedResults.Created($"/api/v1/accounts/{Id(http):D}/withdrawals", withdrawn.Value) : Problem(withdrawn.Error);
            })
            .WithName("Withdraw")
            .RequireOperation(Operations.WithdrawalRequest, DescribeWithdrawal)
            .AllowRoles(AccountRole.Owner)
            .WithSummary("Withdraw cash to a saved destination whose hold has passed (tier 1), within the per-request and 5-day limits")
            .Accepts<WithdrawalBody>("application/json");
    }

    // The funding use cases of the current account (AccountAccess), once the policy has allowed them: the ledger, then the
    // audit record (and its notification). The API's endpoints above and the portal's money page both go through these.

    /// <summary>A demo deposit, then <c>deposit.made</c>.</summary>
    internal static async Task<LedgerResult<Ledger.Funding.DepositInfo>> DepositAsync(HttpContext http, IBrokerageBackend ledger, TradingAudit audit,
        string currency, decimal amount, string? idempotencyKey, CancellationToken ct)
    {
        var deposited = await ledger.DepositAsync(Id(http), currency, amount, idempotencyKey, ct);
        if (deposited.IsSuccess)
        {
            await audit.WriteAsync(http, AuditEventTypes.DepositMade,
                new() { ["currency"] = deposited.Value.Currency, ["amount"] = deposited.Value.Amount, ["journal_entry_id"] = deposited.Value.JournalEntryId }, ct);
        }

        return deposited;
    }

    /// <summary>A new withdrawal destination, then <c>destination.added</c> with its notification (when it becomes usable).</summary>
    internal static async Task<LedgerResult<Ledger.Funding.DestinationInfo>> AddDestinationAsync(HttpContext http, IBrokerageBackend ledger, TradingAudit audit,
        string name, string bankAccount, CancellationToken ct)
    {
        var added = await ledger.AddDestinationAsync(Id(http), name, bankAccount, ct);
        if (added.IsSuccess)
        {
            var d = added.Value;
            await audit.WriteAsync(http, AuditEventTypes.DestinationAdded, DestinationData(d), ct, NotificationTypes.DestinationAdded,
                $"Withdrawal destination \"{d.Name}\" (…{Last4(d.BankAccount)}) was added; it can be used from {d.UsableFrom:u}.");
        }

        return added;
    }

    /// <summary>Removes a withdrawal destination, then <c>destination.removed</c>.</summary>
    internal static async Task<LedgerResult<Ledger.Funding.DestinationInfo>> RemoveDestinationAsync(HttpContext http, IBrokerageBackend ledger,
        TradingAudit audit, Guid destinationId, CancellationToken ct)
    {
        var removed = await ledger.RemoveDestinationAsync(Id(http), destinationId, ct);
        if (removed.IsSuccess)
        {
            await audit.WriteAsync(http, AuditEventTypes.DestinationRemoved, DestinationData(removed.Value), ct);
        }

        return removed;
    }

    /// <summary>A withdrawal to a saved destination, then <c>withdrawal.requested</c> with its notification.</summary>
    internal static async Task<LedgerResult<Ledger.Funding.WithdrawalInfo>> WithdrawAsync(HttpContext http, IBrokerageBackend ledger, TradingAudit audit,
        Guid destinationId, string currency, decimal amount, string? idempotencyKey, CancellationToken ct)
    {
        var withdrawn = await ledger.WithdrawAsync(Id(http), destinationId, currency, amount, idempotencyKey, ct);
        if (withdrawn.IsSuccess)
        {
            var w = withdrawn.Value;
            await audit.WriteAsync(http, AuditEventTypes.WithdrawalRequested,
                new() { ["withdrawal_id"] = w.Id, ["destination_id"] = w.DestinationId, ["currency"] = w.Currency, ["amount"] = w.Amount, ["amount_in_base"] = w.AmountInBase },
                ct, NotificationTypes.WithdrawalRequested, string.Create(CultureInfo.InvariantCulture, $"A withdrawal of {w.Amount:N2} {w.Currency} was sent."));
        }

        return withdrawn;
    }

    private static async Task<IResult> PlaceOrderAsync(OrderBody? body, HttpContext http, IBrokerageBackend ledger, TradingAudit audit,
        TradeConfirmations confirmations, CancellationToken ct)
    {
        if (body is null)
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["body"] = ["Send the order as JSON."] });
        }

        if (body.ToRequest() is not { } order)
        {
            return Problems.Invalid(body.Missing());
        }

        var placed = await PlaceAsync(http, ledger, audit, confirmations, order, IdempotencyKey(http), ct);
        if (!placed.IsSuccess)
        {
            return Problem(placed.Error);
        }

        return TypedResults.Created($"/api/v1/accounts/{Id(http):D}/orders/{placed.Value.Id:D}", placed.Value);
    }

    /// <summary>The response header that says an order request was a retry answered with the order placed the first time.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    private static readonly object ReplayedItem = new();

    /// <summary>Whether <see cref="PlaceAsync"/> answered this request with an earlier order (an idempotent replay).</summary>
    internal static bool IsReplay(HttpContext http) => http.Items.ContainsKey(ReplayedItem);

    /// <summary>
    /// Places an order in the current account (<see cref="AccountAccess"/>) once the policy has allowed it: the ledger (under
    /// <paramref name="idempotencyKey"/>, so a retry finds the first order), then <c>order.placed</c> in the audit, then the
    /// trade confirmation woken on a fill. A retry that finds the first order is answered with it, marked with
    /// <see cref="ReplayedHeader"/> and audited as <c>order.replayed</c>. Unless a new order is placed, the policy cap use the
    /// request reserved (<see cref="CapReservation"/>) is given back. <c>POST /api/v1/accounts/{id}/orders</c> and the
    /// portal's trade page both place orders through here.
    /// </summary>
    internal static async Task<LedgerResult<OrderInfo>> PlaceAsync(HttpContext http, IBrokerageBackend ledger, TradingAudit audit,
        TradeConfirmations confirmations, OrderRequest order, string? idempotencyKey, CancellationToken ct)
    {
        var placed = await ledger.PlaceOrderAsync(Id(http), order, idempotencyKey, ct);
        if (!placed.IsSuccess)
        {
            await CapReservation.GiveBackAsync(http); // nothing was placed
            return placed;
        }

        if (placed.Value.Replayed)
        {
            // The first request placed it (and was audited, unless the gate stopped in between), and counted it against the
            // policy's caps: record the retry as one, and give back what it reserved.
            await CapReservation.GiveBackAsync(http);
            http.Items[ReplayedItem] = true;
            http.Response.Headers[ReplayedHeader] = "true";
            await audit.WriteAsync(http, AuditEventTypes.OrderReplayed, OrderData(placed.Value), ct);
            return placed;
        }

        await audit.WriteAsync(http, AuditEventTypes.OrderPlaced, OrderData(placed.Value), ct);
        if (placed.Value.Status == OrderStatus.Filled)
        {
            confirmations.Wake();
        }

        return placed;
    }

    /// <summary>
    /// What a held <c>order.place</c> stores: the order as sent, the account it is for, the request's idempotency key
    /// (so the approved execution places it once) and, for a signed request, its API-key usage row (so the approved order
    /// counts against the key's daily notional). The API's hold and the portal's hold both describe it here.
    /// </summary>
    internal static HoldPayload HeldOrderPayload(Account account, OrderRequest order, string? idempotencyKey, long? apiKeyUsageId = null)
    {
        var price = order.LimitPrice is { } limit ? string.Create(CultureInfo.InvariantCulture, $" limit {limit}")
            : order.StopPrice is { } stop ? string.Create(CultureInfo.InvariantCulture, $" stop {stop}") : " at market";
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{(order.Side == "sell" ? "Sell" : "Buy")} {order.Quantity} {order.Symbol}{price} ({order.Type}, {order.TimeInForce}) in account {account.Number}");
        return HoldPayload.Of(new HeldOrder(account.Id, order.Symbol, order.Side, order.Type, order.Quantity, order.LimitPrice, order.StopPrice,
            order.TimeInForce, idempotencyKey, apiKeyUsageId), summary);
    }

    private static async Task<IResult> ReplaceOrderAsync(Guid orderId, ReplaceOrderBody? body, HttpContext http, IBrokerageBackend ledger, TradingAudit audit,
        TradeConfirmations confirmations, CancellationToken ct)
    {
        if (body?.Quantity is not { } quantity)
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["quantity"] = ["Give the new quantity (and prices, for limit and stop orders)."] });
        }

        var replaced = await ledger.ReplaceOrderAsync(Id(http), orderId, new OrderChange(quantity, body.LimitPrice, body.StopPrice), ct);
        if (!replaced.IsSuccess)
        {
            return Problem(replaced.Error);
        }

        var data = OrderData(replaced.Value);
        data["replaces_order_id"] = orderId;
        await audit.WriteAsync(http, AuditEventTypes.OrderReplaced, data, ct);
        if (replaced.Value.Status == OrderStatus.Filled)
        {
            confirmations.Wake();
        }

        return TypedResults.Created($"/api/v1/accounts/{Id(http):D}/orders/{replaced.Value.Id:D}", replaced.Value);
    }

    /// <summary>
    /// A held <c>order.place</c> (e.g. a bot's option order under the default policy): the order as sent, the account it is
    /// for, and the request's idempotency key (or the held operation's own id, so a retried approval never places twice).
    /// </summary>
    private static HoldPayload HoldOrder(EndpointFilterInvocationContext context)
    {
        var body = context.Arguments.OfType<OrderBody>().FirstOrDefault();
        if (body?.ToRequest() is not { } order)
        {
            return HoldPayload.Invalid(body?.Missing() ?? new Dictionary<string, string[]> { ["body"] = ["Send the order as JSON."] });
        }

        var http = context.HttpContext;
        return HeldOrderPayload(http.CurrentAccount().Account, order, IdempotencyKey(http), http.CurrentApiKey()?.UsageId);
    }

    /// <summary>The account in the request (every account endpoint's base attributes).</summary>
    private static OperationRequest Describe(EndpointFilterInvocationContext context, OperationRequest request) =>
        request with { AccountId = Id(context.HttpContext) };

    private static async ValueTask<OperationRequest> DescribeOrderAsync(EndpointFilterInvocationContext context, OperationRequest request)
    {
        request = Describe(context, request);
        var order = context.Arguments.OfType<OrderBody>().FirstOrDefault()?.ToRequest();
        return order is null ? request : await WithNotionalAsync(context.HttpContext, request, order);
    }

    private static async ValueTask<OperationRequest> DescribeReplaceAsync(EndpointFilterInvocationContext context, OperationRequest request)
    {
        request = Describe(context, request);
        var http = context.HttpContext;
        var change = context.Arguments.OfType<ReplaceOrderBody>().FirstOrDefault();
        var orderId = context.Arguments.OfType<Guid>().FirstOrDefault();
        if (change?.Quantity is not { } quantity)
        {
            return request;
        }

        var orders = await http.RequestServices.GetRequiredService<IBrokerageBackend>().GetOrdersAsync(Id(http), true, http.RequestAborted);
        if (!orders.IsSuccess || orders.Value.FirstOrDefault(o => o.Id == orderId) is not { } open)
        {
            return request;
        }

        var replacement = new OrderRequest(open.Symbol, LedgerNames.Of(open.Side), LedgerNames.Of(open.Type), quantity, change.LimitPrice, change.StopPrice,
            LedgerNames.Of(open.TimeInForce));
        return await WithNotionalAsync(http, request, replacement);
    }

    /// <summary>
    /// The order's attributes for the policy. When the ledger cannot value the order (an unknown symbol, a bad quantity),
    /// the request is decided without a notional and placing it then fails with the same ledger code.
    /// </summary>
    internal static async ValueTask<OperationRequest> WithNotionalAsync(HttpContext http, OperationRequest request, OrderRequest order)
    {
        var ledger = http.RequestServices.GetRequiredService<IBrokerageBackend>();
        request = request with { Instrument = order.Symbol, OrderType = order.Type };
        var notional = await ledger.ComputeNotionalAsync(Id(http), order, http.RequestAborted);
        if (!notional.IsSuccess)
        {
            return request;
        }

        var n = notional.Value;
        var instrument = (await ledger.GetInstrumentsAsync(http.RequestAborted)).FirstOrDefault(i => i.Symbol == n.Symbol);
        return request with
        {
            Instrument = n.Symbol,
            AssetClass = LedgerNames.Of(n.AssetClass),
            OrderType = LedgerNames.Of(n.OrderType),
            Market = instrument?.Market,
            Notional = n.AmountInBase,
        };
    }

    /// <summary>
    /// A withdrawal's amount, for the policy's caps, in the account's base currency. A withdrawal in another currency is
    /// described without an amount and then refused by the endpoint (withdrawals are paid in the base currency only).
    /// </summary>
    private static OperationRequest DescribeWithdrawal(EndpointFilterInvocationContext context, OperationRequest request)
    {
        request = Describe(context, request);
        var body = context.Arguments.OfType<WithdrawalBody>().FirstOrDefault();
        var baseCurrency = context.HttpContext.RequestServices.GetRequiredService<IOptions<TradingOptions>>().Value.BaseCurrency;
        return request with
        {
            Destination = body?.DestinationId?.ToString("D"),
            Amount = body?.Currency is null || string.Equals(body.Currency, baseCurrency, StringComparison.Ordinal) ? body?.Amount : null,
        };
    }

    private static Guid Id(HttpContext http) => http.CurrentAccount().Account.Id;

    private static string? IdempotencyKey(HttpContext http) =>
        http.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } key ? key : null;

    private static IResult Items<T>(LedgerResult<IReadOnlyList<T>> result) =>
        result.IsSuccess ? TypedResults.Ok(new { items = result.Value }) : Problem(result.Error);

    private static IResult Answer<T>(LedgerResult<T> result) => result.IsSuccess ? TypedResults.Ok(result.Value) : Problem(result.Error);

    private static IResult Problem(LedgerError error) => Problems.Of(error.Code, error.Message);

    internal static Dictionary<string, object?> OrderData(OrderInfo o) => new()
    {
        ["order_id"] = o.Id,
        ["symbol"] = o.Symbol,
        ["side"] = LedgerNames.Of(o.Side),
        ["type"] = LedgerNames.Of(o.Type),
        ["time_in_force"] = LedgerNames.Of(o.TimeInForce),
        ["quantity"] = o.Quantity,
        ["limit_price"] = o.LimitPrice,
        ["stop_price"] = o.StopPrice,
        ["status"] = LedgerNames.Of(o.Status),
    };

    private static Dictionary<string, object?> DestinationData(Ledger.Funding.DestinationInfo d) => new()
    {
        ["destination_id"] = d.Id,
        ["name"] = d.Name,
        ["bank_account_last4"] = Last4(d.BankAccount),
        ["usable_from"] = d.UsableFrom,
    };

    private static string Last4(string bankAccount) => bankAccount.Length <= 4 ? bankAccount : bankAccount[^4..];
}
