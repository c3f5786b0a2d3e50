using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Audit;
using Portcullis.Core.Persistence;
using Portcullis.Core.Users;
using Portcullis.Server.Trading;

namespace Portcullis.Cli.Commands;

/// <summary><c>portcullis init</c>: creates (or upgrades) the store and the first operator.</summary>
internal static class InitCommand
{
    public static Command Create(GlobalOptions global, CliConsole console)
    {
        var username = new Option<string>("--operator") { Description = "Username of the first operator", DefaultValueFactory = _ => "admin" };
        var displayName = new Option<string>("--display-name") { Description = "Display name of the first operator", DefaultValueFactory = _ => "Operator" };
        var command = new Command("init", "Create the store (apply migrations) and the first operator, whose one-time password is printed once")
        {
            username,
            displayName,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliHost.BuildAsync(parse, global, console, requireStore: false, cancellationToken);
            if (services is null)
            {
                return ExitCodes.Usage;
            }

            var store = services.GetRequiredService<IGateStore>();
            await services.MigrateAllAsync(cancellationToken);
            console.Out.WriteLine($"Store ready ({store.Provider}).");
            await using (var unit = await store.OpenAsync(cancellationToken))
            {
                if (await unit.Users.AnyOperatorAsync(cancellationToken))
                {
                    console.Out.WriteLine("An operator already exists; nothing else to do.");
                    return ExitCodes.Ok;
                }
            }

            var created = await services.GetRequiredService<UserService>().CreateAsync(
                new NewUser(parse.GetValue(username)!, parse.GetValue(displayName)!, UserRole.Operator), Actors.Cli, cancellationToken);
            if (!created.IsSuccess)
            {
                console.Fail($"{created.Error.Code}: {created.Error.Message}");
                return ExitCodes.Failed;
            }

            console.Out.WriteLine($"Operator '{created.Value.User.Username}' created.");
            console.Out.WriteLine($"One-time password (shown once; change it at first sign-in): {created.Value.OneTimePassword}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
