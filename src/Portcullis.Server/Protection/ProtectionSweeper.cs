using Microsoft.Extensions.Options;
using Portcullis.Core.Protection;

namespace Portcullis.Server.Protection;

/// <summary>
/// Every <c>Protection:SweepInterval</c>, records the freeze lifts whose cool-down has ended: each is audited as
/// <c>freeze.lifted</c> and announced on every channel, once, even when several nodes sweep (a conditional update).
/// </summary>
public sealed partial class ProtectionSweeper(ProtectionService protection, TimeProvider time, IOptions<ProtectionOptions> options,
    ILogger<ProtectionSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var lifted = await protection.CompleteDueLiftsAsync(stoppingToken);
                if (lifted > 0)
                {
                    LogLifted(logger, lifted);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // E.g. the database is unreachable: the lifts have taken effect anyway; the next pass records and announces them.
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Recorded {Count} freeze lifts whose cool-down ended")]
    private static partial void LogLifted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Freeze-lift sweep failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
