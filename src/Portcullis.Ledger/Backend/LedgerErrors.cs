using System.Globalization;

namespace Portcullis.Ledger.Backend;

/// <summary>
/// The ledger's error catalogue: every expected failure has one stable code here. Tests and the gate rely on
/// the codes; messages may change. Documented in <c>docs/ledger.md</c>.
/// </summary>
public static class LedgerErrors
{
    public const string AccountNotFound = "ledger.account_not_found";
    public const string AccountExists = "ledger.account_exists";
    public const string InvalidAccount = "ledger.invalid_account";
    public const string UnknownInstrument = "ledger.unknown_instrument";
    public const string InvalidInstrument = "ledger.invalid_instrument";
    public const string InvalidSide = "ledger.invalid_side";
    public const string InvalidOrderType = "ledger.invalid_order_type";
    public const string InvalidTimeInForce = "ledger.invalid_time_in_force";
    public const string InvalidQuantity = "ledger.invalid_quantity";
    public const string LotSize = "ledger.lot_size";
    public const string InvalidPrice = "ledger.invalid_price";
    public const string OffTick = "ledger.off_tick";
    public const string PriceUnavailable = "ledger.price_unavailable";
    public const string FxRateUnavailable = "ledger.fx_rate_unavailable";
    public const string NotionalTooLarge = "ledger.notional_too_large";
    public const string InsufficientBuyingPower = "ledger.insufficient_buying_power";
    public const string InsufficientPosition = "ledger.insufficient_position";
    public const string InvalidIdempotencyKey = "ledger.invalid_idempotency_key";
    public const string IdempotencyConflict = "ledger.idempotency_conflict";
    public const string OrderNotFound = "ledger.order_not_found";
    public const string OrderNotOpen = "ledger.order_not_open";
    public const string InvalidAmount = "ledger.invalid_amount";
    public const string InvalidCurrency = "ledger.invalid_currency";
    public const string DepositLimitExceeded = "ledger.deposit_limit_exceeded";
    public const string InvalidDestination = "ledger.invalid_destination";
    public const string DestinationExists = "ledger.destination_exists";
    public const string DestinationNotFound = "ledger.destination_not_found";
    public const string DestinationOnHold = "ledger.destination_on_hold";
    public const string WithdrawalLimitExceeded = "ledger.withdrawal_limit_exceeded";
    public const string WithdrawalWindowLimitExceeded = "ledger.withdrawal_window_limit_exceeded";
    public const string InsufficientFunds = "ledger.insufficient_funds";
    public const string InvalidMarginMode = "ledger.invalid_margin_mode";
    public const string InvalidLeverage = "ledger.invalid_leverage";
    public const string MarginInUse = "ledger.margin_in_use";
    public const string InvalidPeriod = "ledger.invalid_period";

    /// <summary>Every code, for documentation tests and the gate's problem-detail mapping.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        AccountNotFound, AccountExists, InvalidAccount, UnknownInstrument, InvalidInstrument, InvalidSide, InvalidOrderType,
        InvalidTimeInForce, InvalidQuantity, LotSize, InvalidPrice, OffTick, PriceUnavailable, FxRateUnavailable,
        NotionalTooLarge, InsufficientBuyingPower, InsufficientPosition, InvalidIdempotencyKey, IdempotencyConflict,
        OrderNotFound, OrderNotOpen, InvalidAmount, InvalidCurrency, DepositLimitExceeded, InvalidDestination,
        DestinationExists, DestinationNotFound, DestinationOnHold, WithdrawalLimitExceeded, WithdrawalWindowLimitExceeded,
        InsufficientFunds, InvalidMarginMode, InvalidLeverage, MarginInUse, InvalidPeriod,
    ];

    /// <summary>Codes that mean "not found" (404 in HTTP); the rest of the catalogue is a 4xx the caller can fix.</summary>
    public static bool IsNotFound(string code) => code is AccountNotFound or OrderNotFound or DestinationNotFound;

    public static LedgerError Error(string code, string message) => new(code, message);

    internal static LedgerError Format(string code, FormattableString message) =>
        new(code, message.ToString(CultureInfo.InvariantCulture));
}
