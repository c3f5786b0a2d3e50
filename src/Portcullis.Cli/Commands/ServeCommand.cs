using System.CommandLine;

namespace Portcullis.Cli.Commands;

/// <summary><c>portcullis serve</c>: runs the gate.</summary>
internal static class ServeCommand
{
    public static Command Create(GlobalOptions global, CliConsole console)
    {
        var urls = ServerRunner.UrlsOption();
        var command = new Command("serve", "Run the gate: apply migrations, then serve the HTTP API") { urls };
        command.SetAction((parse, cancellationToken) => ServerRunner.RunAsync(parse, global, urls, console, null,
            (_, addresses) => console.Out.WriteLine($"Portcullis is listening on {string.Join(", ", addresses)}. Press Ctrl+C to stop."),
            cancellationToken));
        return command;
    }
}
