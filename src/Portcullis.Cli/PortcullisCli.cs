using System.CommandLine;
using System.Data.Common;
using Portcullis.Cli.Commands;

namespace Portcullis.Cli;

/// <summary>The <c>portcullis</c> command line.</summary>
public static class PortcullisCli
{
    public static RootCommand CreateRoot(CliConsole console)
    {
        var global = new GlobalOptions();
        var root = new RootCommand("Portcullis: the security gate in front of a trading platform.");
        global.AddTo(root);
        root.Subcommands.Add(DemoCommand.Create(global, console));
        root.Subcommands.Add(ServeCommand.Create(global, console));
        root.Subcommands.Add(InitCommand.Create(global, console));
        root.Subcommands.Add(UserCommands.Create(global, console));
        root.Subcommands.Add(AuditCommands.Create(global, console));
        root.Subcommands.Add(ReportCommands.Create(global, console));
        root.Subcommands.Add(AuthenticatorCommand.Create(global, console));
        root.Subcommands.Add(NotificationCommands.Create(global, console));
        root.Subcommands.Add(PolicyCommands.Create(console));
        root.Subcommands.Add(FreezeCommands.Create(global, console));
        root.Subcommands.Add(LedgerCommands.Create(global, console));
        root.Subcommands.Add(ApiCommand.Create(console));
        return root;
    }

    /// <summary>
    /// Parses and runs. Bad arguments give one line on standard error and exit code 2; <c>--help</c> works
    /// on every command.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var console = new CliConsole(output, error);
        var root = CreateRoot(console);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            console.Fail($"{OneLine(FirstError(parse))} See 'portcullis --help'.");
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(invocation, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Failed;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DbException)
        {
            // The environment, not a bug: a folder that does not exist, a file where a folder should be,
            // a database that refuses. One line, no stack.
            console.Fail(OneLine(ex.Message));
            return ExitCodes.Failed;
        }
    }

    /// <summary>The most useful parse error: the one naming an unknown word, when there is one.</summary>
    private static string FirstError(ParseResult parse)
    {
        if (parse.UnmatchedTokens.Count > 0)
        {
            var token = parse.UnmatchedTokens[0];
            var naming = parse.Errors.FirstOrDefault(e => e.Message.Contains(token, StringComparison.Ordinal));
            if (naming is not null)
            {
                return naming.Message;
            }
        }

        return parse.Errors[0].Message;
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
