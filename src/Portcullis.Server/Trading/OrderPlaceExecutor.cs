using System.Text.Json;
using Portcullis.Core.Accounts;
using Portcullis.Core.Audit;
using Portcullis.Core.Holds;
using Portcullis.Core.Persistence;
using Portcullis.Core.Policy;
using Portcullis.Core.Results;
using Portcullis.Ledger.Backend;
using Portcullis.Ledger.Orders;
using Portcullis.Server.Api.Trading;

namespace Portcullis.Server.Trading;

/// <summary>
/// The stored arguments of a held <c>order.place</c>; <see cref="ApiKeyUsageId"/> is the usage-log row of the signed
/// request that asked for it, when an API key did.
/// </summary>
public sealed record HeldOrder(Guid AccountId, string Symbol, string Side, string Type, decimal Quantity, decimal? LimitPrice, decimal? StopPrice,
    string TimeInForce, string? IdempotencyKey, long? ApiKeyUsageId = null);

/// <summary>
/// Places an approved held order in the ledger. The requester must still be an owner or trader of the account. The order is
/// placed under the request's idempotency key or the held operation's id, so a repeated execution finds the first order
/// instead of placing a second. The ledger validates it again (prices may have moved); a refusal is the operation's failure
/// and stages nothing. On success the placement is audited in the approval's unit, and an order an API key asked for counts
/// against the key's daily notional from then on: its request's usage row, which kept the notional reserved when the
/// order was held, is marked accepted again in the same unit (docs/api-keys.md).
/// </summary>
public sealed class OrderPlaceExecutor(IBrokerageBackend ledger, LedgerAccounts ledgerAccounts, TradeConfirmations confirmations) : IHeldOperationExecutor
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public string Operation => Operations.OrderPlace;

    public async Task<Result<string>> ExecuteAsync(IGateUnit unit, HeldOperation operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(operation);
        HeldOrder? order;
        try
        {
            order = JsonSerializer.Deserialize<HeldOrder>(operation.PayloadJson, Json);
        }
        catch (JsonException)
        {
            order = null;
        }

        if (order is null)
        {
            return HeldPayloads.Invalid();
        }

        var membership = (await unit.Accounts.ListForUserAsync(operation.UserId, cancellationToken)).FirstOrDefault(m => m.Account.Id == order.AccountId);
        if (membership.Account is null || membership.Role is not (AccountRole.Owner or AccountRole.Trader))
        {
            return new Error(LedgerProblems.AccountRoleInsufficient, "The requester may no longer trade this account.");
        }

        await ledgerAccounts.EnsureAsync(membership.Account, cancellationToken);
        var request = new OrderRequest(order.Symbol, order.Side, order.Type, order.Quantity, order.LimitPrice, order.StopPrice, order.TimeInForce);
        var placed = await ledger.PlaceOrderAsync(order.AccountId, request, order.IdempotencyKey ?? $"held-{operation.Id:N}", cancellationToken);
        if (!placed.IsSuccess)
        {
            return new Error(placed.Error.Code, placed.Error.Message);
        }

        if (order.ApiKeyUsageId is { } usageId)
        {
            await unit.ApiKeyUsage.SetDecisionAsync(usageId, Core.ApiKeys.ApiKeyUsage.Accepted, null, cancellationToken);
        }

        var data = TradingEndpoints.OrderData(placed.Value);
        data["held_operation_id"] = operation.Id;
        unit.Audit.Append(new AuditRecord(AuditEventTypes.OrderPlaced, "ok", Actors.User(operation.UserId), Actors.Account(order.AccountId), operation.SourceIp, data));
        if (placed.Value.Status == OrderStatus.Filled)
        {
            confirmations.Wake();
        }

        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["order_id"] = placed.Value.Id,
            ["status"] = LedgerNames.Of(placed.Value.Status),
            ["fill_price"] = placed.Value.FillPrice,
        });
    }
}
