using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Ledger.Backend;

namespace Portcullis.Cli.Commands;

/// <summary><c>portcullis ledger check</c>.</summary>
internal static class LedgerCommands
{
    public static Command Create(GlobalOptions global, CliConsole console)
    {
        var ledger = new Command("ledger", "Inspect the paper-trading ledger behind the gate");
        ledger.Subcommands.Add(Check(global, console));
        return ledger;
    }

    private static Command Check(GlobalOptions global, CliConsole console)
    {
        var command = new Command("check",
            "Verify that every journal entry balances and every account's balances equal its journal; exit 1 naming the first inconsistency");
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliHost.BuildAsync(parse, global, console, requireStore: true, cancellationToken);
            if (services is null)
            {
                return ExitCodes.Usage;
            }

            var report = await services.GetRequiredService<ILedgerAdministration>().CheckAsync(cancellationToken);
            if (report.IsConsistent)
            {
                console.Out.WriteLine($"OK: {Count(report.EntriesChecked, "journal entry", "journal entries")} balanced; " +
                    $"{Count(report.AccountsChecked, "account", "accounts")} matching the journal.");
                return ExitCodes.Ok;
            }

            console.Out.WriteLine($"INCONSISTENT: {report.FirstProblem}");
            console.Out.WriteLine($"Checked {Count(report.EntriesChecked, "entry", "entries")} and {Count(report.AccountsChecked, "account", "accounts")}.");
            return ExitCodes.Failed;
        });
        return command;
    }

    private static string Count(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";
}
