using Portcullis.Ledger.Orders;

namespace Portcullis.Server.Api.Trading;

/// <summary>A new order: side <c>buy</c>|<c>sell</c>; type <c>market</c>|<c>limit</c>|<c>stop</c>|<c>stop_limit</c>; time in force <c>day</c> (default)|<c>gtc</c>.</summary>
public sealed record OrderBody(string? Symbol, string? Side, string? Type, decimal? Quantity, decimal? LimitPrice, decimal? StopPrice, string? TimeInForce)
{
    public OrderRequest? ToRequest() => Symbol is null || Side is null || Type is null || Quantity is null
        ? null
        : new OrderRequest(Symbol, Side, Type, Quantity.Value, LimitPrice, StopPrice, TimeInForce ?? "day");

    public IReadOnlyDictionary<string, string[]> Missing()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(Symbol))
        {
            errors["symbol"] = ["Name the instrument, e.g. AAPL (GET /api/v1/instruments lists them)."];
        }

        if (string.IsNullOrWhiteSpace(Side))
        {
            errors["side"] = ["Say buy or sell."];
        }

        if (string.IsNullOrWhiteSpace(Type))
        {
            errors["type"] = ["Say market, limit, stop or stop_limit."];
        }

        if (Quantity is null)
        {
            errors["quantity"] = ["Give a positive quantity in the instrument's lot size."];
        }

        return errors;
    }
}

/// <summary>A replacement for an open order: new quantity and prices.</summary>
public sealed record ReplaceOrderBody(decimal? Quantity, decimal? LimitPrice, decimal? StopPrice);

/// <summary>A demo deposit; currency defaults to the account's base currency.</summary>
public sealed record DepositBody(decimal? Amount, string? Currency);

/// <summary>A withdrawal to a saved destination; currency defaults to the account's base currency.</summary>
public sealed record WithdrawalBody(Guid? DestinationId, decimal? Amount, string? Currency);

/// <summary>A named bank account withdrawals may go to once its hold has passed.</summary>
public sealed record DestinationBody(string? Name, string? BankAccount);

/// <summary><c>cash</c> (leverage 1) or <c>margin</c> with a leverage up to <c>Ledger:MaxLeverage</c>.</summary>
public sealed record MarginBody(string? Mode, decimal? Leverage);
