using Portcullis.Ledger.Accounts;
using Portcullis.Ledger.Backend;

namespace Portcullis.Ledger.Instruments;

/// <summary>Checks an instrument definition and the sizes of quantities and prices against it.</summary>
internal static class InstrumentRules
{
    public static LedgerError? Validate(Instrument instrument)
    {
        if (string.IsNullOrWhiteSpace(instrument.Symbol) || instrument.Symbol.Length > 32 || instrument.Symbol.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '/')))
        {
            return LedgerErrors.Error(LedgerErrors.InvalidInstrument, "The symbol must be 1–32 letters, digits or . - _ /.");
        }

        if (!Money.IsCurrencyCode(instrument.Currency))
        {
            return LedgerErrors.Error(LedgerErrors.InvalidInstrument, "The currency must be an ISO 4217 code such as USD.");
        }

        if (string.IsNullOrWhiteSpace(instrument.Market) || instrument.Market.Length > 32)
        {
            return LedgerErrors.Error(LedgerErrors.InvalidInstrument, "The market must be 1–32 characters.");
        }

        if (instrument.LotSize <= 0 || instrument.TickSize <= 0 || instrument.Multiplier <= 0
            || instrument.LotSize > 1_000_000 || instrument.TickSize > 1_000_000 || instrument.Multiplier > 1_000_000)
        {
            return LedgerErrors.Error(LedgerErrors.InvalidInstrument, "Lot size, tick size and multiplier must be positive and at most 1,000,000.");
        }

        return Enum.IsDefined(instrument.AssetClass) ? null : LedgerErrors.Error(LedgerErrors.InvalidInstrument, "Unknown asset class.");
    }

    /// <summary>True when <paramref name="value"/> is a whole multiple of <paramref name="step"/>.</summary>
    public static bool IsMultipleOf(decimal value, decimal step) => value % step == 0m;
}
