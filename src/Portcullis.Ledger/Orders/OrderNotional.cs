using Portcullis.Ledger.Instruments;

namespace Portcullis.Ledger.Orders;

/// <summary>
/// What an order is worth before it is placed, for the gate's policy: quantity × price × multiplier in the
/// instrument's currency and converted to the account's base currency. <paramref name="Price"/> is the limit price
/// for limit orders, the stop price for stop orders (the worse of stop and limit for stop-limit), else the reference price.
/// </summary>
public sealed record OrderNotional(string Symbol, AssetClass AssetClass, OrderType OrderType, decimal Price, string Currency,
    decimal Amount, string BaseCurrency, decimal AmountInBase);
