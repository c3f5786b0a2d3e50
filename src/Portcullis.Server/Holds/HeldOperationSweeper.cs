using Microsoft.Extensions.Options;
using Portcullis.Core.Holds;
using Portcullis.Core.Policy;

namespace Portcullis.Server.Holds;

/// <summary>
/// Every <c>Policy:Holds:SweepInterval</c>, expires the held operations whose lifetime has passed (audited, the user
/// alerted), so an operation nobody polls again does not stay pending. Nodes may sweep at the same time: each expiry
/// is a conditional transition, so it happens once. The same pass forgets uses of capped operations that no cap's window
/// reaches any more (<see cref="PolicyGate.PruneUsageAsync"/>).
/// </summary>
public sealed partial class HeldOperationSweeper(HeldOperationService holds, PolicyGate gate, TimeProvider time, IOptions<HeldOperationOptions> options,
    ILogger<HeldOperationSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var expired = await holds.ExpireOverdueAsync(stoppingToken);
                if (expired > 0)
                {
                    LogExpired(logger, expired);
                }

                await gate.PruneUsageAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // E.g. the database is unreachable: the operations stay overdue (and cannot be approved); the next pass retries.
                LogSweepFailed(logger, ex);
            }

            try
            {
                await Task.Delay(options.Value.SweepInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Expired {Count} held operations")]
    private static partial void LogExpired(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Held-operation sweep failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
