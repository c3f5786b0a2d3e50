using Microsoft.Extensions.Logging;
using Portcullis.Ledger.Backend;

namespace Portcullis.Ledger.Orders;

/// <summary>
/// Calls <see cref="ILedgerAdministration.ProcessPricesAsync"/> every <c>Ledger:Prices:ProcessInterval</c> on the
/// injected clock until cancelled. A failed pass is logged and the next one runs on time. The host wraps it in its
/// background service: <c>protected override Task ExecuteAsync(CancellationToken ct) =&gt; loop.RunAsync(ct);</c>
/// (the ledger does not reference Microsoft.Extensions.Hosting).
/// </summary>
public sealed class PriceProcessingLoop(ILedgerAdministration ledger, LedgerOptions options, TimeProvider time, ILogger<PriceProcessingLoop> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Prices.ProcessInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await RunOnceAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    /// <summary>One pass; failures are logged, not thrown (the loop must survive a database restart).</summary>
    public async Task<PriceProcessingReport?> RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var report = await ledger.ProcessPricesAsync(cancellationToken);
            if (report.Filled + report.Triggered + report.Rejected + report.Expired > 0)
            {
                logger.LogInformation("Ledger prices processed: {Filled} filled, {Triggered} triggered, {Rejected} rejected, {Expired} expired",
                    report.Filled, report.Triggered, report.Rejected, report.Expired);
            }

            return report;
        }
#pragma warning disable CA1031 // the background boundary: log and carry on
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            logger.LogError(ex, "Ledger price processing failed; retrying at the next interval");
            return null;
        }
    }
}
