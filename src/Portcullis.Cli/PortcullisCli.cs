using System.CommandLine;
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
            console.Fail($"{parse.Errors[0].Message} See 'portcullis --help'.");
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration { Output = output, Error = error };
        try
        {
            return await parse.InvokeAsync(invocation, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Failed;
        }
    }
}
