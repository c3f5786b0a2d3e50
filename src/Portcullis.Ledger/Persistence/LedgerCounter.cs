namespace Portcullis.Ledger.Persistence;

/// <summary>A named counter (the fill sequence). Incrementing it locks the row until the transaction ends.</summary>
internal sealed class LedgerCounter
{
    public const string Fills = "fills";

    public string Name { get; set; } = string.Empty;

    public long Value { get; set; }
}
