using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Portcullis.Ledger.Backend;
using Portcullis.Ledger.Orders;

namespace Portcullis.Ledger.Tests;

public sealed class PriceProcessingLoopTests
{
    [Fact]
    public async Task RunOnce_WhenTheDatabaseFails_LogsAndReturnsNull()
    {
        var options = new LedgerOptions { ConnectionString = "Data Source=/nonexistent-folder/ledger.db;Mode=ReadWrite" };
        var time = new FakeTimeProvider();
        using var ledger = new PaperBrokerage(options, new ManualPriceSource(time), time);
        var loop = new PriceProcessingLoop(ledger, options, time, NullLogger<PriceProcessingLoop>.Instance);

        Assert.Null(await loop.RunOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Run_EndsQuietlyWhenCancelled()
    {
        var options = new LedgerOptions { ConnectionString = "Data Source=:memory:" };
        var time = new FakeTimeProvider();
        using var ledger = new PaperBrokerage(options, new ManualPriceSource(time), time);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await new PriceProcessingLoop(ledger, options, time, NullLogger<PriceProcessingLoop>.Instance).RunAsync(cancellation.Token);
    }
}
