using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Audit;
using Portcullis.Core.Persistence;
using Portcullis.Core.Protection;
using Portcullis.Core.Users;
using Portcullis.Server.Api.Contracts;
using Portcullis.Server.Http;
using Spectre.Console;

namespace Portcullis.Cli.Commands;

/// <summary><c>portcullis freeze list|set|lift --user NAME</c>: an operator's view of a user's freezes.</summary>
internal static class FreezeCommands
{
    public static Command Create(GlobalOptions global, CliConsole console)
    {
        var freeze = new Command("freeze", "A user's capability freezes: list, set, lift (at once, as an operator)");
        freeze.Subcommands.Add(List(global, console));
        freeze.Subcommands.Add(Set(global, console));
        freeze.Subcommands.Add(Lift(global, console));
        return freeze;
    }

    private static Option<string> UserOption() => new("--user") { Description = "The user (username)", Required = true };

    private static Command List(GlobalOptions global, CliConsole console)
    {
        var user = UserOption();
        var json = new Option<bool>("--json") { Description = "One JSON object per line instead of a table" };
        var command = new Command("list", "A user's freezes in force and lifted in the last 30 days, newest first") { user, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliHost.BuildAsync(parse, global, console, requireStore: true, cancellationToken);
            if (services is null)
            {
                return ExitCodes.Usage;
            }

            var userId = await FindUserAsync(services, console, parse.GetValue(user)!, cancellationToken);
            if (userId is null)
            {
                return ExitCodes.Failed;
            }

            var list = await services.GetRequiredService<ProtectionService>().ListFreezesAsync(userId.Value, cancellationToken);
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            if (parse.GetValue(json))
            {
                foreach (var f in list)
                {
                    console.Out.WriteLine(JsonSerializer.Serialize(FreezeView.From(f, now), JsonDefaults.Options));
                }

                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("id", "capabilities", "state", "source", "reason", "created (UTC)", "lift effective (UTC)");
            foreach (var f in list)
            {
                var view = FreezeView.From(f, now);
                table.AddRow(f.Id.ToString(), string.Join(", ", view.Capabilities), view.State, view.Source, Markup.Escape(f.Reason ?? ""),
                    Time(f.CreatedAt), Time(f.LiftedAt ?? f.LiftEffectiveAt));
            }

            console.Ansi.Write(table);
            console.Out.WriteLine($"{list.Count} freeze(s).");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Set(GlobalOptions global, CliConsole console)
    {
        var user = UserOption();
        var capability = new Option<string[]>("--capability")
        {
            Description = "What to freeze (repeatable): trading, withdrawals, api, security_changes or all",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        }.AcceptOnlyFromAmong("trading", "withdrawals", "api", "security_changes", "all");
        var reason = new Option<string?>("--reason") { Description = "Why (at most 200 characters; audited and shown to the user)" };
        var command = new Command("set", "Freeze a user's capabilities at once") { user, capability, reason };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliHost.BuildAsync(parse, global, console, requireStore: true, cancellationToken);
            if (services is null)
            {
                return ExitCodes.Usage;
            }

            var userId = await FindUserAsync(services, console, parse.GetValue(user)!, cancellationToken);
            if (userId is null)
            {
                return ExitCodes.Failed;
            }

            var result = await services.GetRequiredService<ProtectionService>().FreezeAsync(userId.Value, parse.GetValue(capability),
                parse.GetValue(reason), FreezeSource.Operator, Actors.Cli, null, cancellationToken);
            if (!result.IsSuccess)
            {
                console.Fail($"{result.Error.Code}: {result.Error.Message}");
                return ExitCodes.Failed;
            }

            console.Out.WriteLine($"Frozen: {string.Join(", ", FreezeView.Names(result.Value.Capabilities))} (freeze {result.Value.Id}).");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Lift(GlobalOptions global, CliConsole console)
    {
        var user = UserOption();
        var id = new Option<Guid>("--id") { Description = "The freeze (see 'portcullis freeze list')", Required = true };
        var command = new Command("lift", "Lift a user's freeze at once (the owner's own lift waits for the cool-down)") { user, id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliHost.BuildAsync(parse, global, console, requireStore: true, cancellationToken);
            if (services is null)
            {
                return ExitCodes.Usage;
            }

            var userId = await FindUserAsync(services, console, parse.GetValue(user)!, cancellationToken);
            if (userId is null)
            {
                return ExitCodes.Failed;
            }

            var result = await services.GetRequiredService<ProtectionService>().LiftNowAsync(userId.Value, parse.GetValue(id), Actors.Cli, null,
                cancellationToken);
            if (!result.IsSuccess)
            {
                console.Fail($"{result.Error.Code}: {result.Error.Message}");
                return ExitCodes.Failed;
            }

            console.Out.WriteLine($"Lifted: {string.Join(", ", FreezeView.Names(result.Value.Capabilities))} (freeze {result.Value.Id}).");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<Guid?> FindUserAsync(IServiceProvider services, CliConsole console, string username, CancellationToken cancellationToken)
    {
        await using var unit = await services.GetRequiredService<IGateStore>().OpenAsync(cancellationToken);
        var found = await unit.Users.FindByUsernameAsync(Username.Normalize(username), cancellationToken);
        if (found is null)
        {
            console.Fail($"no user '{username}'.");
        }

        return found?.Id;
    }

    private static string Time(DateTimeOffset? at) => at?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "";
}
