using Portcullis.Core.Notifications;
using Portcullis.Core.Notifications.Reports;
using Portcullis.Server.Api.Contracts;
using Portcullis.Server.Auth;
using Portcullis.Server.Http;
using Portcullis.Server.Policy;
using Portcullis.Core.Policy;

namespace Portcullis.Server.Api.Notifications;

/// <summary>The signed-in user's activity report (JSON or plain text) and how often it is emailed.</summary>
public static class ActivityReportEndpoints
{
    public static void Map(RouteGroupBuilder authenticated)
    {
        authenticated.MapGet("/me/activity-report", async (string? period, string? end, string? format, HttpContext http,
                ActivityReportService reports, TimeProvider time, CancellationToken cancellationToken) =>
            {
                var current = http.CurrentSession();
                ReportPeriod chosen;
                if (period is null)
                {
                    chosen = ReportPeriods.For(current.User.ReportFrequency) ?? ReportPeriod.Weekly;
                }
                else if (ReportPeriods.ParsePeriod(period) is { } parsed)
                {
                    chosen = parsed;
                }
                else
                {
                    return Problems.From(ReportErrors.InvalidPeriod());
                }

                var asText = format switch
                {
                    null or "json" => false,
                    "text" => true,
                    _ => (bool?)null,
                };
                if (asText is null)
                {
                    return Problems.From(ReportErrors.InvalidFormat());
                }

                var now = time.GetUtcNow();
                DateTimeOffset until;
                if (end is null)
                {
                    until = ReportPeriods.LastCompleted(chosen, now).End;
                }
                else if (ReportPeriods.ParseEnd(end) is { } parsedEnd && parsedEnd <= now)
                {
                    until = parsedEnd;
                }
                else
                {
                    return Problems.From(ReportErrors.InvalidEnd());
                }

                var report = await reports.BuildAsync(current.User.Id, chosen, until, cancellationToken);
                if (!report.IsSuccess)
                {
                    return Problems.From(report.Error);
                }

                return asText.Value
                    ? Results.Text(ActivityReportText.Render(report.Value), "text/plain; charset=utf-8")
                    : TypedResults.Ok(report.Value);
            })
            .WithName("GetActivityReport")
            .RequireOperation(Operations.ActivityReportRead)
            .WithSummary("The activity report for a period: sign-ins, devices, security changes, trades, API-key use. "
                + "period=daily|weekly (default: the user's frequency, else weekly); end=ISO 8601 (default: the last completed "
                + "period, days ending 00:00 UTC, weeks Monday 00:00 UTC); format=json|text")
            .Produces<ActivityReport>()
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        authenticated.MapGet("/me/activity-report/frequency", async (HttpContext http, ActivityReportService reports,
                CancellationToken cancellationToken) =>
            {
                var user = await reports.GetUserAsync(http.CurrentSession().User.Id, cancellationToken);
                return user.IsSuccess ? Results.Ok(View(user.Value.ReportFrequency, user.Value.LastReportAt)) : Problems.From(user.Error);
            })
            .WithName("GetActivityReportFrequency")
            .RequireOperation(Operations.ActivityReportRead)
            .WithSummary("How often the activity report is emailed")
            .Produces<ReportFrequencyView>();

        authenticated.MapPut("/me/activity-report/frequency", async (ReportFrequencyBody? body, HttpContext http,
                ActivityReportService reports, CancellationToken cancellationToken) =>
            {
                if (ReportPeriods.ParseFrequency(body?.Frequency) is not { } frequency)
                {
                    return Problems.From(ReportErrors.InvalidFrequency());
                }

                var user = await reports.SetFrequencyAsync(http.CurrentSession().User.Id, frequency, http.ClientIp()?.ToString(),
                    cancellationToken);
                return user.IsSuccess ? Results.Ok(View(user.Value.ReportFrequency, user.Value.LastReportAt)) : Problems.From(user.Error);
            })
            .WithName("SetActivityReportFrequency")
            .RequireOperation(Operations.ActivityReportConfigure)
            .WithSummary("Set how often the activity report is emailed: off, daily or weekly (audited)")
            .Accepts<ReportFrequencyBody>("application/json")
            .Produces<ReportFrequencyView>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static ReportFrequencyView View(ReportFrequency frequency, DateTimeOffset? lastReportAt) =>
        new(ReportPeriods.WireName(frequency), lastReportAt);
}
