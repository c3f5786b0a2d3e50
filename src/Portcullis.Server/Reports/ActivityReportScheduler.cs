using System.Globalization;
using Microsoft.Extensions.Options;
using Portcullis.Core.Notifications;
using Portcullis.Core.Notifications.Reports;
using Portcullis.Core.Persistence;
using Portcullis.Core.Users;

namespace Portcullis.Server.Reports;

/// <summary>
/// Emails due activity reports. Every <c>Notifications:Reports:CheckInterval</c> it looks at each user who asked
/// for reports: when the last completed period of their frequency (days end at 00:00 UTC, weeks on Monday at
/// 00:00 UTC) ends after their <see cref="User.LastReportAt"/>, and they existed when it started, it emits a
/// <see cref="NotificationTypes.ActivityReport"/> event (the outbox delivers it by email, with the plain-text
/// report in <c>data.text</c>) and sets <see cref="User.LastReportAt"/> to the period's end, in one unit of work.
/// A crash before the commit leaves the report due (it is made again); after the commit it is not repeated.
/// Nodes agree through a conditional update of <see cref="User.LastReportAt"/>, so two nodes never send the same report.
/// </summary>
public sealed partial class ActivityReportScheduler(IGateStore store, ActivityReportService reports, TimeProvider time,
    IOptions<NotificationOptions> options, ILogger<ActivityReportScheduler> logger) : BackgroundService
{
    /// <summary>Runs one pass now: emits every due report and returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid> users;
        await using (var unit = await store.OpenAsync(cancellationToken))
        {
            users = await unit.NotificationSettings.ListUsersWithReportsAsync(cancellationToken);
        }

        var sent = 0;
        foreach (var userId in users)
        {
            try
            {
                if (await ReportAsync(userId, cancellationToken))
                {
                    sent++;
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // One user's failure must not stop the others; the report stays due and the next pass retries it.
                LogReportFailed(logger, ex, userId);
            }
        }

        if (sent > 0)
        {
            LogPass(logger, sent);
        }

        return sent;
    }

    /// <summary>The period due for <paramref name="user"/> at <paramref name="now"/>, if any.</summary>
    public static ReportWindow? Due(User? user, DateTimeOffset now)
    {
        if (user is not { IsActive: true } || ReportPeriods.For(user.ReportFrequency) is not { } period)
        {
            return null;
        }

        var window = ReportPeriods.LastCompleted(period, now);
        if (user.CreatedAt > window.Start || (user.LastReportAt is { } last && last >= window.End))
        {
            return null;
        }

        return window;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Reports;
        if (!settings.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // E.g. the database is unreachable: the next pass tries again.
                LogPassFailed(logger, ex);
            }

            try
            {
                await Task.Delay(settings.CheckInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task<bool> ReportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        ActivityReport report;
        ReportWindow window;

        // Build outside the write transaction (SQLite has one writer at a time); the decision is re-checked under the lock.
        await using (var read = await store.OpenAsync(cancellationToken))
        {
            var user = await read.Users.FindAsync(userId, cancellationToken);
            if (Due(user, now) is not { } due)
            {
                return false;
            }

            window = due;
            report = await reports.BuildAsync(read, user!, window, cancellationToken);
        }

        await using var write = await store.OpenAsync(cancellationToken);
        await write.BeginAsync(cancellationToken);

        // Claim the period (nodes race here; one wins) in the transaction that emits the report.
        if (!await write.Users.TryClaimReportAsync(userId, window.End, cancellationToken))
        {
            return false;
        }

        var text = ActivityReportText.Render(report);
        var period = ReportPeriods.WireName(window.Period);
        Notify.Emit(write, userId, NotificationTypes.ActivityReport, NotificationSeverity.Info,
            string.Create(CultureInfo.InvariantCulture,
                $"Your {period} activity report for {window.Start:yyyy-MM-dd HH:mm} to {window.End:yyyy-MM-dd HH:mm} UTC: "
                + $"{report.SignIns.Succeeded} sign-ins, {report.SignIns.Failed} failed attempts, {report.Devices.Added.Count} new devices, "
                + $"{report.SecurityChanges.Count} security changes."),
            new Dictionary<string, object?>
            {
                ["period"] = period,
                ["start"] = window.Start,
                ["end"] = window.End,
                ["sign_ins"] = report.SignIns.Succeeded,
                ["failed_sign_ins"] = report.SignIns.Failed,
                ["new_devices"] = report.Devices.Added.Count,
                ["revoked_devices"] = report.Devices.Revoked.Count,
                ["security_changes"] = report.SecurityChanges.Count,
                ["trades"] = report.Trades.Count,
                ["api_key_events"] = report.ApiKeys.Count,
                ["active_sessions"] = report.Current.ActiveSessions,
                ["active_devices"] = report.Current.ActiveDevices,
                ["text"] = text,
            }, now);
        await write.CommitAsync(cancellationToken);
        return true;
    }

    [LoggerMessage(EventId = 5300, Level = LogLevel.Information, Message = "Activity reports: {Count} emitted")]
    private static partial void LogPass(ILogger logger, int count);

    [LoggerMessage(EventId = 5301, Level = LogLevel.Error, Message = "Activity report for user {UserId} failed; it stays due")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, Guid userId);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Error, Message = "Activity report pass failed; the next pass retries")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
