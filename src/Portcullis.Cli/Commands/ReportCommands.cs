using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Notifications.Reports;
using Portcullis.Server.Http;

namespace Portcullis.Cli.Commands;

/// <summary><c>portcullis report activity</c>.</summary>
internal static class ReportCommands
{
    public static Command Create(GlobalOptions global, CliConsole console)
    {
        var report = new Command("report", "Reports about accounts");
        report.Subcommands.Add(Activity(global, console));
        return report;
    }

    private static Command Activity(GlobalOptions global, CliConsole console)
    {
        var user = new Option<string>("--user") { Description = "The user's username", Required = true };
        var period = new Option<string>("--period") { Description = "daily or weekly", DefaultValueFactory = _ => "weekly" }
            .AcceptOnlyFromAmong("daily", "weekly");
        var end = new Option<string?>("--end")
        {
            Description = "End of the period, ISO 8601 (e.g. 2026-11-02 or 2026-11-02T12:00:00Z; UTC without an offset). "
                + "Default: the last completed period (days end at 00:00 UTC, weeks on Monday 00:00 UTC)",
        };
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" }
            .AcceptOnlyFromAmong("text", "json");
        var command = new Command("activity", "Print a user's activity report: sign-ins, devices, security changes, trades, API-key use")
        {
            user, period, end, format,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var chosen = ReportPeriods.ParsePeriod(parse.GetValue(period))!.Value;
            DateTimeOffset? until = null;
            if (parse.GetValue(end) is { } endText)
            {
                until = ReportPeriods.ParseEnd(endText);
                if (until is null)
                {
                    console.Fail($"--end: '{endText}' is not an ISO 8601 date or time (e.g. 2026-11-02 or 2026-11-02T12:00:00Z)");
                    return ExitCodes.Usage;
                }
            }

            await using var services = await CliHost.BuildAsync(parse, global, console, requireStore: true, cancellationToken);
            if (services is null)
            {
                return ExitCodes.Usage;
            }

            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var result = await services.GetRequiredService<ActivityReportService>().BuildAsync(parse.GetValue(user)!, chosen,
                until ?? ReportPeriods.LastCompleted(chosen, now).End, cancellationToken);
            if (!result.IsSuccess)
            {
                console.Fail($"{result.Error.Code}: {result.Error.Message}");
                return ExitCodes.Failed;
            }

            if (parse.GetValue(format) == "json")
            {
                console.Out.WriteLine(JsonSerializer.Serialize(result.Value, JsonDefaults.Options));
            }
            else
            {
                console.Out.Write(ActivityReportText.Render(result.Value));
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
