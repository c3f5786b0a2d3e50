namespace Portcullis.Ledger.Instruments;

/// <summary>The asset classes the paper ledger trades. Wire names are lower case (<see cref="Backend.LedgerNames"/>).</summary>
public enum AssetClass
{
    Stock,
    Option,
    Future,
    Forex,
    Bond,
}
