using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Audit;
using Portcullis.Core.Results;
using Portcullis.Core.Users;
using Spectre.Console;

namespace Portcullis.Cli.Commands;

/// <summary><c>portcullis user add|list|disable|enable|unlock|reset-password</c>.</summary>
internal static class UserCommands
{
    public static Command Create(GlobalOptions global, CliConsole console)
    {
        var user = new Command("user", "Manage users");
        user.Subcommands.Add(Add(global, console));
        user.Subcommands.Add(List(global, console));
        user.Subcommands.Add(Change(global, console, "disable", "Disable a user and revoke every session",
            (s, name, ct) => s.DisableAsync(name, Actors.Cli, ct), u => $"User '{u.Username}' disabled; every session revoked."));
        user.Subcommands.Add(Change(global, console, "enable", "Enable a disabled user",
            (s, name, ct) => s.EnableAsync(name, Actors.Cli, ct), u => $"User '{u.Username}' enabled."));
        user.Subcommands.Add(Change(global, console, "unlock", "Clear a user's sign-in failure count (lifts a delay or the hard stop)",
            (s, name, ct) => s.UnlockAsync(name, Actors.Cli, ct), u => $"User '{u.Username}' unlocked."));
        user.Subcommands.Add(ResetPassword(global, console));
        return user;
    }

    private static Command Add(GlobalOptions global, CliConsole console)
    {
        var username = new Argument<string>("username") { Description = "The new user's username" };
        var displayName = new Option<string?>("--display-name") { Description = "Display name (default: the username)" };
        var asOperator = new Option<bool>("--operator") { Description = "Create an operator instead of an account holder" };
        var passwordStdin = new Option<bool>("--password-stdin")
        {
            Description = "Read the password from standard input instead of generating a one-time password",
        };
        var email = new Option<string?>("--email") { Description = "An email address for the user's notifications" };
        var command = new Command("add", "Add a user; prints a one-time password unless --password-stdin is given")
        {
            username, displayName, asOperator, passwordStdin, email,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliHost.BuildAsync(parse, global, console, requireStore: true, cancellationToken);
            if (services is null)
            {
                return ExitCodes.Usage;
            }

            var name = parse.GetValue(username)!;
            string? password = null;
            if (parse.GetValue(passwordStdin))
            {
                password = (await Console.In.ReadLineAsync(cancellationToken))?.TrimEnd('\r', '\n');
                if (string.IsNullOrEmpty(password))
                {
                    console.Fail("--password-stdin: no password on standard input");
                    return ExitCodes.Usage;
                }
            }

            var role = parse.GetValue(asOperator) ? UserRole.Operator : UserRole.AccountHolder;
            var created = await services.GetRequiredService<UserService>().CreateAsync(
                new NewUser(name, parse.GetValue(displayName) ?? name, role, password, parse.GetValue(email)), Actors.Cli, cancellationToken);
            if (!created.IsSuccess)
            {
                console.Fail($"{created.Error.Code}: {created.Error.Message}");
                return ExitCodes.Failed;
            }

            console.Out.WriteLine($"User '{created.Value.User.Username}' created ({Role(role)}).");
            if (created.Value.OneTimePassword is { } oneTime)
            {
                console.Out.WriteLine($"One-time password (shown once; change it at first sign-in): {oneTime}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(GlobalOptions global, CliConsole console)
    {
        var json = new Option<bool>("--json") { Description = "One JSON object per line instead of a table" };
        var command = new Command("list", "List users") { json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliHost.BuildAsync(parse, global, console, requireStore: true, cancellationToken);
            if (services is null)
            {
                return ExitCodes.Usage;
            }

            var users = await services.GetRequiredService<UserService>().ListAsync(cancellationToken);
            if (parse.GetValue(json))
            {
                foreach (var u in users)
                {
                    console.Out.WriteLine(JsonSerializer.Serialize(new
                    {
                        id = u.Id,
                        username = u.Username,
                        display_name = u.DisplayName,
                        role = Role(u.Role),
                        status = u.Status.ToString().ToLowerInvariant(),
                        created_at = u.CreatedAt,
                    }));
                }

                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("username", "display name", "role", "status", "created (UTC)");
            foreach (var u in users)
            {
                table.AddRow(Markup.Escape(u.Username), Markup.Escape(u.DisplayName), Role(u.Role), u.Status.ToString().ToLowerInvariant(),
                    u.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            }

            console.Ansi.Write(table);
            console.Out.WriteLine($"{users.Count} user(s).");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command ResetPassword(GlobalOptions global, CliConsole console)
    {
        var username = new Argument<string>("username") { Description = "The user" };
        var command = new Command("reset-password", "Give a user a new one-time password and revoke every session") { username };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliHost.BuildAsync(parse, global, console, requireStore: true, cancellationToken);
            if (services is null)
            {
                return ExitCodes.Usage;
            }

            var result = await services.GetRequiredService<UserService>().ResetPasswordAsync(parse.GetValue(username)!, Actors.Cli, cancellationToken);
            if (!result.IsSuccess)
            {
                console.Fail($"{result.Error.Code}: {result.Error.Message}");
                return ExitCodes.Failed;
            }

            console.Out.WriteLine($"One-time password (shown once; change it at first sign-in): {result.Value}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Change(GlobalOptions global, CliConsole console, string name, string description,
        Func<UserService, string, CancellationToken, Task<Result<User>>> change, Func<User, string> done)
    {
        var username = new Argument<string>("username") { Description = "The user" };
        var command = new Command(name, description) { username };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliHost.BuildAsync(parse, global, console, requireStore: true, cancellationToken);
            if (services is null)
            {
                return ExitCodes.Usage;
            }

            var result = await change(services.GetRequiredService<UserService>(), parse.GetValue(username)!, cancellationToken);
            if (!result.IsSuccess)
            {
                console.Fail($"{result.Error.Code}: {result.Error.Message}");
                return ExitCodes.Failed;
            }

            console.Out.WriteLine(done(result.Value));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Role(UserRole role) => role == UserRole.Operator ? "operator" : "account_holder";
}
