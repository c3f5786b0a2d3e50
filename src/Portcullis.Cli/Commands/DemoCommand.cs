using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portcullis.Core.Accounts;
using Portcullis.Core.Audit;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;
using Portcullis.Core.Users;
using Portcullis.Ledger.Backend;
using Portcullis.Server.Trading;
using Portcullis.Storage;

namespace Portcullis.Cli.Commands;

/// <summary>
/// <c>portcullis demo</c>: a fresh embedded store if needed, a demo account holder with a trading account,
/// a new one-time password for it on every run, and then the gate itself.
/// </summary>
internal static class DemoCommand
{
    public const string DemoUsername = "demo";

    /// <summary>Where the demo user's notifications go (to a file under the data folder unless SMTP is configured).</summary>
    public const string DemoEmail = "demo@example.com";

    public static Command Create(GlobalOptions global, CliConsole console)
    {
        var urls = ServerRunner.UrlsOption();
        var command = new Command("demo", "Set up a demo account holder and trading account, print how to sign in, then serve") { urls };
        command.SetAction((parse, cancellationToken) =>
        {
            string? password = null;
            Guid? account = null;
            return ServerRunner.RunAsync(parse, global, urls, console,
                async (services, ct) =>
                {
                    password = await PrepareAsync(services, console, ct);
                    account = password is null ? null : await DemoAccountAsync(services, ct);
                    return password is not null;
                },
                (services, addresses) => PrintWelcome(services, console, addresses, password!, account),
                cancellationToken);
        });
        return command;
    }

    /// <summary>Creates the demo user and account, or gives the existing demo user a new one-time password.</summary>
    internal static async Task<string?> PrepareAsync(IServiceProvider services, CliConsole console, CancellationToken cancellationToken)
    {
        var users = services.GetRequiredService<UserService>();
        var store = services.GetRequiredService<IGateStore>();
        await using (var unit = await store.OpenAsync(cancellationToken))
        {
            if (await unit.Users.FindByUsernameAsync(DemoUsername, cancellationToken) is not null)
            {
                var reset = await users.EnableAsync(DemoUsername, Actors.Cli, cancellationToken);
                var password = reset.IsSuccess ? await users.ResetPasswordAsync(DemoUsername, Actors.Cli, cancellationToken) : null;
                if (password is not { IsSuccess: true })
                {
                    console.Fail("could not reset the demo user's password");
                    return null;
                }

                await users.UnlockAsync(DemoUsername, Actors.Cli, cancellationToken);
                return password.Value;
            }
        }

        var created = await users.CreateAsync(new NewUser(DemoUsername, "Demo Trader", UserRole.AccountHolder, Email: DemoEmail), Actors.Cli, cancellationToken);
        if (!created.IsSuccess)
        {
            console.Fail($"{created.Error.Code}: {created.Error.Message}");
            return null;
        }

        var account = await services.GetRequiredService<AccountService>().OpenAsync(created.Value.User.Id, "Demo paper account",
            "Portcullis Paper Securities LLC", "US", Actors.Cli, cancellationToken);
        if (!account.IsSuccess)
        {
            console.Fail($"{account.Error.Code}: {account.Error.Message}");
            return null;
        }

        if (await FundAsync(services, account.Value, cancellationToken) is { } problem)
        {
            console.Fail(problem);
            return null;
        }

        return created.Value.OneTimePassword;
    }

    private static async Task<Guid?> DemoAccountAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var unit = await services.GetRequiredService<IGateStore>().OpenAsync(cancellationToken);
        var user = await unit.Users.FindByUsernameAsync(DemoUsername, cancellationToken);
        return user is null ? null : (await unit.Accounts.ListForUserAsync(user.Id, cancellationToken)).Select(m => (Guid?)m.Account.Id).FirstOrDefault();
    }

    /// <summary>The demo account's starting cash: enough for a small order, and for a large one after the step-up.</summary>
    internal static readonly (string Currency, decimal Amount)[] StartingCash = [("USD", 500_000m), ("EUR", 50_000m)];

    /// <summary>Opens the demo account in the ledger and deposits its starting cash (idempotent: a rerun deposits nothing).</summary>
    private static async Task<string?> FundAsync(IServiceProvider services, Account account, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<LedgerAccounts>().EnsureAsync(account, cancellationToken);
        var ledger = services.GetRequiredService<IBrokerageBackend>();
        foreach (var (currency, amount) in StartingCash)
        {
            var deposit = await ledger.DepositAsync(account.Id, currency, amount, $"demo-seed-{currency}", cancellationToken);
            if (!deposit.IsSuccess)
            {
                return $"{deposit.Error.Code}: {deposit.Error.Message}";
            }
        }

        return null;
    }

    private static void PrintWelcome(IServiceProvider services, CliConsole console, IReadOnlyList<string> addresses, string password, Guid? account)
    {
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var url = addresses.FirstOrDefault(a => a.StartsWith("http://localhost", StringComparison.Ordinal)) ?? (addresses.Count > 0 ? addresses[0] : "?");
        var o = console.Out;
        o.WriteLine();
        o.WriteLine($"Portcullis demo is running at {url}");
        o.WriteLine($"  storage:           {storage.Provider} ({(storage.IsSqlite ? Path.GetFullPath(storage.DataDirectory) : "external")})");
        o.WriteLine($"  username:          {DemoUsername}");
        o.WriteLine($"  one-time password: {password}   (a new one on every start; change it after signing in)");
        o.WriteLine();
        o.WriteLine($"Portal: open {url}/ in a browser and sign in; it asks for your own password first (docs/portal.md).");
        o.WriteLine();
        o.WriteLine("Sign in:");
        o.WriteLine($"  curl -s {url}/api/v1/sign-in -H 'content-type: application/json' \\");
        o.WriteLine($"       -d '{{\"username\":\"{DemoUsername}\",\"password\":\"{password}\"}}'");
        o.WriteLine("Then choose your own password (at least 15 characters), with the token from the answer:");
        o.WriteLine($"  curl -s {url}/api/v1/me/password -H 'authorization: Bearer <token>' -H 'content-type: application/json' \\");
        o.WriteLine($"       -d '{{\"current_password\":\"{password}\",\"new_password\":\"<your new password>\"}}'");
        o.WriteLine("Then add a second factor (docs/factors.md), with a fresh token:");
        o.WriteLine($"  authenticator app:    curl -s -X POST {url}/api/v1/factors/totp -H 'authorization: Bearer <token>'");
        o.WriteLine("                        (scan the QR code or type the secret, then POST the first code to .../factors/totp/<id>/confirm)");
        o.WriteLine($"  authenticator device: curl -s -X POST {url}/api/v1/factors/push/enrollment -H 'authorization: Bearer <token>'");
        o.WriteLine($"                        then: portcullis authenticator enrol --server {url} --code <code>");
        o.WriteLine($"  security key:         POST {url}/api/v1/factors/webauthn/options, then the browser's navigator.credentials.create()");
        if (account is { } id)
        {
            var a = $"{url}/api/v1/accounts/{id:D}";
            o.WriteLine($"Trade on the paper account (docs/trading.md), funded with 500,000 USD and 50,000 EUR:");
            o.WriteLine($"  portfolio:            curl -s {a}/portfolio -H 'authorization: Bearer <token>'");
            o.WriteLine($"  a small order:        curl -s {a}/orders -H 'authorization: Bearer <token>' -H 'content-type: application/json' \\");
            o.WriteLine("                             -H 'idempotency-key: my-first-order' -d '{\"symbol\":\"AAPL\",\"side\":\"buy\",\"type\":\"market\",\"quantity\":10}'");
            o.WriteLine("  a large one (≥ 250,000 USD, e.g. 1,500 AAPL) answers 401 with the step-up it needs: a security key within 5 minutes");
            o.WriteLine($"  a withdrawal:         POST {a}/destinations, then after its 24 h hold POST {a}/withdrawals");
        }

        var email = services.GetRequiredService<IOptions<NotificationOptions>>().Value.Email;
        o.WriteLine($"Notifications (docs/notifications.md) go to {DemoEmail} and the in-app feed (GET {url}/api/v1/me/notifications):");
        o.WriteLine(string.Equals(email.Sink, EmailOptions.FileSink, StringComparison.OrdinalIgnoreCase)
            ? $"  emails are written to {Path.GetFullPath(Path.Combine(storage.DataDirectory, email.Directory))}/ (set Notifications:Email:Sink=smtp to send them)"
            : $"  emails go to the '{email.Sink}' sink");
        o.WriteLine($"API description: {url}/openapi/v1.json   Health: {url}/health/ready");
        o.WriteLine("Press Ctrl+C to stop.");
    }
}
