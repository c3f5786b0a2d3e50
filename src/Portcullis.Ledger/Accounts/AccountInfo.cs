using Portcullis.Ledger.Margin;

namespace Portcullis.Ledger.Accounts;

/// <summary>A ledger account: the gate's account id, its base currency and the legal entity holding its assets.</summary>
public sealed record AccountInfo(Guid Id, string BaseCurrency, string LegalEntity, string Jurisdiction, MarginMode MarginMode,
    decimal Leverage, DateTimeOffset CreatedAt);
