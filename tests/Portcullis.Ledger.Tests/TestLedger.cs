using Microsoft.Extensions.Time.Testing;
using Portcullis.Ledger.Backend;
using Portcullis.Ledger.Instruments;

namespace Portcullis.Ledger.Tests;

/// <summary>A paper brokerage over a migrated database, with a fake clock and prices the test sets.</summary>
public sealed class TestLedger : IDisposable
{
    /// <summary>A Monday, 14:00 UTC: day orders expire at 21:00 the same day.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 14, 0, 0, TimeSpan.Zero);

    public TestLedger(string provider, string connectionString, Action<LedgerOptions>? configure = null)
    {
        Options = new LedgerOptions { Provider = provider, ConnectionString = connectionString };
        configure?.Invoke(Options);
        Prices = new ManualPriceSource(Time);
        ResetPrices();
        Ledger = new PaperBrokerage(Options, Prices, Time);
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public ManualPriceSource Prices { get; }

    public LedgerOptions Options { get; }

    public PaperBrokerage Ledger { get; }

    /// <summary>ACME: a plain test stock in USD, lot 1, tick 0.01.</summary>
    public static Instrument Acme { get; } = new() { Symbol = "ACME", AssetClass = AssetClass.Stock, Market = "TEST", Currency = "USD" };

    public void ResetPrices()
    {
        Prices.Set("ACME", 100m);
        foreach (var (symbol, price) in DemoInstruments.StartPrices)
        {
            Prices.Set(symbol, price);
        }

        Prices.Set("SAP", 50m);
        Prices.Set("EURUSD", 1.1m);
    }

    /// <summary>Migrates and defines the instruments (idempotent).</summary>
    public static async Task PrepareAsync(string provider, string connectionString)
    {
        using var ledger = new TestLedger(provider, connectionString);
        await ledger.Ledger.MigrateAsync(CancellationToken.None);
        foreach (var instrument in DemoInstruments.All.Append(Acme))
        {
            Assert.True((await ledger.Ledger.UpsertInstrumentAsync(instrument, CancellationToken.None)).IsSuccess);
        }
    }

    public async Task<Guid> NewAccountAsync(decimal usd = 0m, string baseCurrency = "USD")
    {
        var id = Guid.NewGuid();
        var opened = await Ledger.OpenAccountAsync(id, baseCurrency, "Portcullis Paper Ltd", "GB", CancellationToken.None);
        Assert.True(opened.IsSuccess, opened.Error?.Code);
        if (usd > 0)
        {
            var deposit = await Ledger.DepositAsync(id, "USD", usd, null, CancellationToken.None);
            Assert.True(deposit.IsSuccess, deposit.Error?.Code);
        }

        return id;
    }

    public void Dispose() => Ledger.Dispose();
}
