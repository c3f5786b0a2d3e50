using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Portcullis.Ledger.Accounts;
using Portcullis.Ledger.Backend;
using Portcullis.Ledger.Instruments;

namespace Portcullis.Ledger.Orders;

/// <summary>Checks an order's own values against its instrument; funds are checked later, under the account lock.</summary>
internal static class OrderValidator
{
    private const decimal MaxPrice = 1_000_000_000m;

    /// <summary>Parses side, type and time in force; the instrument is looked up by the caller in between.</summary>
    public static LedgerError? ParseNames(OrderRequest request, out OrderSide side, out OrderType type, out TimeInForce timeInForce)
    {
        type = default;
        timeInForce = default;
        if (!LedgerNames.TryParse(request.Side, out side))
        {
            return LedgerErrors.Error(LedgerErrors.InvalidSide, "Side must be 'buy' or 'sell'.");
        }

        if (!LedgerNames.TryParse(request.Type, out type))
        {
            return LedgerErrors.Error(LedgerErrors.InvalidOrderType, "Type must be 'market', 'limit', 'stop' or 'stop_limit'.");
        }

        return LedgerNames.TryParse(request.TimeInForce, out timeInForce)
            ? null
            : LedgerErrors.Error(LedgerErrors.InvalidTimeInForce, "Time in force must be 'day' or 'gtc'.");
    }

    public static LedgerResult<ValidOrder> Validate(OrderRequest request, Instrument? instrument, LedgerOptions options)
    {
        if (ParseNames(request, out var side, out var type, out var timeInForce) is { } nameError)
        {
            return nameError;
        }

        if (instrument is null)
        {
            return LedgerErrors.Error(LedgerErrors.UnknownInstrument, "No such instrument.");
        }

        if (request.Quantity <= 0 || request.Quantity > options.MaxOrderQuantity || Money.DecimalPlaces(request.Quantity) > Money.Scale)
        {
            return LedgerErrors.Format(LedgerErrors.InvalidQuantity, $"Quantity must be positive and at most {options.MaxOrderQuantity}.");
        }

        if (!InstrumentRules.IsMultipleOf(request.Quantity, instrument.LotSize))
        {
            return LedgerErrors.Format(LedgerErrors.LotSize, $"Quantity must be a multiple of the lot size {instrument.LotSize}.");
        }

        var needsLimit = type is OrderType.Limit or OrderType.StopLimit;
        var needsStop = type is OrderType.Stop or OrderType.StopLimit;
        if (CheckPrice(request.LimitPrice, needsLimit, "limit price", instrument) is { } limitError)
        {
            return limitError;
        }

        if (CheckPrice(request.StopPrice, needsStop, "stop price", instrument) is { } stopError)
        {
            return stopError;
        }

        return new ValidOrder(instrument, side, type, timeInForce, request.Quantity, request.LimitPrice, request.StopPrice,
            Hash(instrument.Symbol, side, type, timeInForce, request.Quantity, request.LimitPrice, request.StopPrice));
    }

    private static LedgerError? CheckPrice(decimal? price, bool required, string name, Instrument instrument)
    {
        if (price is null)
        {
            return required ? LedgerErrors.Format(LedgerErrors.InvalidPrice, $"This order type needs a {name}.") : null;
        }

        if (!required)
        {
            return LedgerErrors.Format(LedgerErrors.InvalidPrice, $"This order type takes no {name}.");
        }

        if (price <= 0 || price > MaxPrice)
        {
            return LedgerErrors.Format(LedgerErrors.InvalidPrice, $"The {name} must be positive and at most {MaxPrice}.");
        }

        return InstrumentRules.IsMultipleOf(price.Value, instrument.TickSize)
            ? null
            : LedgerErrors.Format(LedgerErrors.OffTick, $"The {name} must be a multiple of the tick size {instrument.TickSize}.");
    }

    /// <summary>SHA-256 of the canonical body: numbers without trailing zeros, names in wire form.</summary>
    public static string Hash(string symbol, OrderSide side, OrderType type, TimeInForce timeInForce, decimal quantity, decimal? limit, decimal? stop)
    {
        static string N(decimal? value) => value?.ToString("0.############################", CultureInfo.InvariantCulture) ?? "-";
        var canonical = string.Join('\n', symbol, LedgerNames.Of(side), LedgerNames.Of(type), LedgerNames.Of(timeInForce), N(quantity), N(limit), N(stop));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    public static LedgerError? CheckIdempotencyKey(string? key) =>
        key is null || (key.Length is >= 1 and <= 128 && key.All(c => c is >= '!' and <= '~'))
            ? null
            : LedgerErrors.Error(LedgerErrors.InvalidIdempotencyKey, "An idempotency key is 1–128 printable ASCII characters without spaces.");
}
