using Portcullis.Ledger.Orders;

namespace Portcullis.Server.Trading;

/// <summary>
/// Runs the ledger's price pass (resting orders fill, stops trigger, day orders expire) every
/// <c>Ledger:Prices:ProcessInterval</c>; the confirmation feed picks up what it filled.
/// </summary>
internal sealed class PriceProcessingService(PriceProcessingLoop loop) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => loop.RunAsync(stoppingToken);
}
