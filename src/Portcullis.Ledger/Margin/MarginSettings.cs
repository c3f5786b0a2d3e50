namespace Portcullis.Ledger.Margin;

/// <summary>An account's margin setting and the highest leverage the ledger allows.</summary>
public sealed record MarginSettings(Guid AccountId, MarginMode Mode, decimal Leverage, decimal MaxLeverage);
