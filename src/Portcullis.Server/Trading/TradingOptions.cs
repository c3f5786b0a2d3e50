namespace Portcullis.Server.Trading;

/// <summary>How the gate runs the trading API in front of the ledger (configuration section <c>Trading</c>).</summary>
public sealed class TradingOptions
{
    public const string Section = "Trading";

    /// <summary>The base currency of a ledger account opened for a gate account (ISO 4217). Default <c>USD</c>.</summary>
    public string BaseCurrency { get; set; } = "USD";

    /// <summary>How often the confirmation feed looks for new fills when nothing wakes it. Default 2 s.</summary>
    public TimeSpan ConfirmationInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The most fills confirmed in one transaction. Default 200.</summary>
    public int ConfirmationBatch { get; set; } = 200;

    /// <summary>Load the demo instruments into a ledger that has none (<c>portcullis demo</c> and new installations). Default true.</summary>
    public bool SeedDemoInstruments { get; set; } = true;
}
