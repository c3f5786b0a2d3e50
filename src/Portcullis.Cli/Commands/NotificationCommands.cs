using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Audit;
using Portcullis.Core.Notifications;
using Portcullis.Core.Notifications.Delivery;
using Portcullis.Core.Persistence;
using Portcullis.Core.Users;
using Portcullis.Server.Api.Contracts;
using Portcullis.Server.Http;
using Spectre.Console;

namespace Portcullis.Cli.Commands;

/// <summary><c>portcullis notifications deliveries|retry</c>: the outbox, for operators.</summary>
internal static class NotificationCommands
{
    public static Command Create(GlobalOptions global, CliConsole console)
    {
        var notifications = new Command("notifications", "The notification outbox: deliveries, dead letters, retries");
        notifications.Subcommands.Add(Deliveries(global, console));
        notifications.Subcommands.Add(Retry(global, console));
        return notifications;
    }

    private static Command Deliveries(GlobalOptions global, CliConsole console)
    {
        var state = new Option<string?>("--state") { Description = "Only deliveries in this state" }
            .AcceptOnlyFromAmong("pending", "delivered", "dead");
        var user = new Option<string?>("--user") { Description = "Only this user's deliveries (username)" };
        var limit = new Option<int>("--limit") { Description = "At most this many, newest first", DefaultValueFactory = _ => 50 };
        var json = new Option<bool>("--json") { Description = "One JSON object per line instead of a table" };
        var command = new Command("deliveries", "List notification deliveries, newest first (--state dead for dead letters)") { state, user, limit, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(limit) is < 1 or > 500)
            {
                console.Fail("--limit must be between 1 and 500.");
                return ExitCodes.Usage;
            }

            await using var services = await CliHost.BuildAsync(parse, global, console, requireStore: true, cancellationToken);
            if (services is null)
            {
                return ExitCodes.Usage;
            }

            Guid? userId = null;
            if (parse.GetValue(user) is { } username)
            {
                await using var unit = await services.GetRequiredService<IGateStore>().OpenAsync(cancellationToken);
                var found = await unit.Users.FindByUsernameAsync(Username.Normalize(username), cancellationToken);
                if (found is null)
                {
                    console.Fail($"no user '{username}'.");
                    return ExitCodes.Failed;
                }

                userId = found.Id;
            }

            var list = await services.GetRequiredService<DeliveryAdminService>()
                .ListAsync(DeliveryAdminService.ParseState(parse.GetValue(state)), userId, parse.GetValue(limit), cancellationToken);
            if (parse.GetValue(json))
            {
                foreach (var d in list)
                {
                    console.Out.WriteLine(JsonSerializer.Serialize(DeliveryView.From(d), JsonDefaults.Options));
                }

                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("id", "channel", "to", "state", "attempts", "last error", "created (UTC)");
            foreach (var d in list)
            {
                table.AddRow(d.Id.ToString(), NotificationCatalog.WireName(d.Channel), Markup.Escape(d.TargetDisplay),
                    DeliveryAdminService.WireName(d.State), d.Attempts.ToString(CultureInfo.InvariantCulture), Markup.Escape(d.LastError ?? ""),
                    d.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
            }

            console.Ansi.Write(table);
            console.Out.WriteLine($"{list.Count} deliver{(list.Count == 1 ? "y" : "ies")}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Retry(GlobalOptions global, CliConsole console)
    {
        var id = new Argument<string>("id") { Description = "The delivery's id (from 'notifications deliveries --state dead')" };
        var command = new Command("retry", "Put a dead-lettered delivery back in the outbox; a running gate sends it on its next round") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!Guid.TryParse(parse.GetValue(id), out var deliveryId))
            {
                console.Fail($"'{parse.GetValue(id)}' is not a delivery id.");
                return ExitCodes.Usage;
            }

            await using var services = await CliHost.BuildAsync(parse, global, console, requireStore: true, cancellationToken);
            if (services is null)
            {
                return ExitCodes.Usage;
            }

            var result = await services.GetRequiredService<DeliveryAdminService>().RetryAsync(deliveryId, Actors.Cli, cancellationToken);
            if (!result.IsSuccess)
            {
                console.Fail(result.Error.Message);
                return ExitCodes.Failed;
            }

            console.Out.WriteLine($"Delivery {deliveryId} is pending again ({NotificationCatalog.WireName(result.Value.Channel)} to {result.Value.TargetDisplay}).");
            return ExitCodes.Ok;
        });
        return command;
    }
}
