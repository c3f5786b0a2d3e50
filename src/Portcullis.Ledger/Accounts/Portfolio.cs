using Portcullis.Ledger.Margin;

namespace Portcullis.Ledger.Accounts;

/// <summary>
/// An account's cash and positions. <paramref name="Equity"/> and <paramref name="BuyingPower"/> are in the base
/// currency; <paramref name="Equity"/> is <c>null</c> when a price or exchange rate is missing.
/// </summary>
public sealed record Portfolio(Guid AccountId, string BaseCurrency, MarginMode MarginMode, decimal Leverage,
    IReadOnlyList<CashBalance> Cash, IReadOnlyList<PositionInfo> Positions, decimal? Equity, decimal BuyingPower);
