using Portcullis.Ledger.Backend;

namespace Portcullis.Server.Api.Trading;

/// <summary>
/// The ledger's error codes (<see cref="LedgerErrors"/>) and the account-access codes as HTTP problems; read by
/// <see cref="Http.ProblemCatalog"/>. A test checks that every ledger code has an entry.
/// </summary>
internal static class LedgerProblems
{
    public const string AccountNotFound = "account.not_found";
    public const string AccountRoleInsufficient = "account.role_insufficient";

    public static IReadOnlyDictionary<string, (int Status, string Title)> Entries { get; } = new Dictionary<string, (int, string)>(StringComparer.Ordinal)
    {
        [AccountNotFound] = (StatusCodes.Status404NotFound, "No such account"),
        [AccountRoleInsufficient] = (StatusCodes.Status403Forbidden, "Your role in this account does not allow this"),
        [LedgerErrors.AccountNotFound] = (StatusCodes.Status404NotFound, "No such ledger account"),
        [LedgerErrors.AccountExists] = (StatusCodes.Status409Conflict, "Ledger account already open"),
        [LedgerErrors.InvalidAccount] = (StatusCodes.Status400BadRequest, "Invalid ledger account"),
        [LedgerErrors.UnknownInstrument] = (StatusCodes.Status422UnprocessableEntity, "Unknown instrument"),
        [LedgerErrors.InvalidInstrument] = (StatusCodes.Status400BadRequest, "Invalid instrument"),
        [LedgerErrors.InvalidSide] = (StatusCodes.Status400BadRequest, "Invalid side"),
        [LedgerErrors.InvalidOrderType] = (StatusCodes.Status400BadRequest, "Invalid order type"),
        [LedgerErrors.InvalidTimeInForce] = (StatusCodes.Status400BadRequest, "Invalid time in force"),
        [LedgerErrors.InvalidQuantity] = (StatusCodes.Status422UnprocessableEntity, "Invalid quantity"),
        [LedgerErrors.LotSize] = (StatusCodes.Status422UnprocessableEntity, "Quantity not a multiple of the lot size"),
        [LedgerErrors.InvalidPrice] = (StatusCodes.Status422UnprocessableEntity, "Invalid price"),
        [LedgerErrors.OffTick] = (StatusCodes.Status422UnprocessableEntity, "Price not on a tick"),
        [LedgerErrors.PriceUnavailable] = (StatusCodes.Status503ServiceUnavailable, "No reference price"),
        [LedgerErrors.FxRateUnavailable] = (StatusCodes.Status503ServiceUnavailable, "No exchange rate"),
        [LedgerErrors.NotionalTooLarge] = (StatusCodes.Status422UnprocessableEntity, "Order too large"),
        [LedgerErrors.InsufficientBuyingPower] = (StatusCodes.Status422UnprocessableEntity, "Insufficient buying power"),
        [LedgerErrors.InsufficientPosition] = (StatusCodes.Status422UnprocessableEntity, "Insufficient position"),
        [LedgerErrors.InvalidIdempotencyKey] = (StatusCodes.Status400BadRequest, "Invalid idempotency key"),
        [LedgerErrors.IdempotencyConflict] = (StatusCodes.Status409Conflict, "Idempotency key used with a different request"),
        [LedgerErrors.OrderNotFound] = (StatusCodes.Status404NotFound, "No such order"),
        [LedgerErrors.OrderNotOpen] = (StatusCodes.Status409Conflict, "Order no longer open"),
        [LedgerErrors.InvalidAmount] = (StatusCodes.Status422UnprocessableEntity, "Invalid amount"),
        [LedgerErrors.InvalidCurrency] = (StatusCodes.Status422UnprocessableEntity, "Invalid currency"),
        [LedgerErrors.DepositLimitExceeded] = (StatusCodes.Status422UnprocessableEntity, "Deposit above the limit"),
        [LedgerErrors.InvalidDestination] = (StatusCodes.Status422UnprocessableEntity, "Invalid destination"),
        [LedgerErrors.DestinationExists] = (StatusCodes.Status409Conflict, "Destination already saved"),
        [LedgerErrors.DestinationNotFound] = (StatusCodes.Status404NotFound, "No such destination"),
        [LedgerErrors.DestinationOnHold] = (StatusCodes.Status403Forbidden, "Destination still on hold"),
        [LedgerErrors.WithdrawalLimitExceeded] = (StatusCodes.Status422UnprocessableEntity, "Withdrawal above the per-request limit"),
        [LedgerErrors.WithdrawalWindowLimitExceeded] = (StatusCodes.Status422UnprocessableEntity, "Withdrawals above the 5-day limit"),
        [LedgerErrors.InsufficientFunds] = (StatusCodes.Status422UnprocessableEntity, "Insufficient funds"),
        [LedgerErrors.InvalidMarginMode] = (StatusCodes.Status400BadRequest, "Invalid margin mode"),
        [LedgerErrors.InvalidLeverage] = (StatusCodes.Status422UnprocessableEntity, "Invalid leverage"),
        [LedgerErrors.MarginInUse] = (StatusCodes.Status409Conflict, "Margin in use"),
        [LedgerErrors.InvalidPeriod] = (StatusCodes.Status400BadRequest, "Invalid statement period"),
    };
}
