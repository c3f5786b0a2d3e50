using Portcullis.Core.ApiKeys;

namespace Portcullis.Server.Auth.ApiKeys;

/// <summary>
/// Every minute (<see cref="Interval"/>), forgets usage-log rows older than <c>ApiKeys:UsageRetention</c> and signature nonces
/// whose window has ended, and expired session keys (<see cref="ApiKeyUsageService.PruneAsync"/>): three indexed deletes, off the request path, so
/// that neither table grows without bound. Nodes may sweep at the same time: a row is deleted once.
/// </summary>
public sealed partial class ApiKeyUsageSweeper(ApiKeyUsageService usage, TimeProvider time, ILogger<ApiKeyUsageSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var (rows, nonces, sessionKeys) = await usage.PruneAsync(stoppingToken);
                if (rows > 0 || nonces > 0 || sessionKeys > 0)
                {
                    LogPruned(logger, rows, nonces, sessionKeys);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // E.g. the database is unreachable: nothing is lost by waiting; the next pass deletes what is due.
                LogSweepFailed(logger, ex);
            }

            try
            {
                await Task.Delay(Interval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pruned {Rows} API key usage rows, {Nonces} expired nonces and {SessionKeys} expired session keys")]
    private static partial void LogPruned(ILogger logger, int rows, int nonces, int sessionKeys);

    [LoggerMessage(Level = LogLevel.Warning, Message = "API key usage sweep failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
