using Portcullis.Ledger.Instruments;

namespace Portcullis.Ledger.Orders;

/// <summary>An order request that passed <see cref="OrderValidator"/>, with its parsed values.</summary>
internal sealed record ValidOrder(Instrument Instrument, OrderSide Side, OrderType Type, TimeInForce TimeInForce, decimal Quantity,
    decimal? LimitPrice, decimal? StopPrice, string RequestHash);
