using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Audit;
using Portcullis.Core.Persistence;

namespace Portcullis.Cli.Commands;

/// <summary><c>portcullis audit verify|export</c>.</summary>
internal static class AuditCommands
{
    public static Command Create(GlobalOptions global, CliConsole console)
    {
        var audit = new Command("audit", "Check and export the hash-chained audit log");
        audit.Subcommands.Add(Verify(global, console));
        audit.Subcommands.Add(Export(global, console));
        return audit;
    }

    private static Command Verify(GlobalOptions global, CliConsole console)
    {
        var command = new Command("verify", "Recompute the hash chain; exit 1 naming the first broken row if any row was changed, deleted or reordered");
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliHost.BuildAsync(parse, global, console, requireStore: true, cancellationToken);
            if (services is null)
            {
                return ExitCodes.Usage;
            }

            await using var unit = await services.GetRequiredService<IGateStore>().OpenAsync(cancellationToken);
            var head = await unit.Audit.GetHeadAsync(cancellationToken);
            var result = await AuditVerifier.VerifyAsync(unit.Audit.ReadAllAsync(cancellationToken), head, cancellationToken);
            if (result.IsIntact)
            {
                var tip = head is null ? "empty" : Convert.ToHexStringLower(head.Hash)[..16];
                console.Out.WriteLine($"OK: {result.Count} audit {(result.Count == 1 ? "event" : "events")}, chain intact (head {tip}).");
                return ExitCodes.Ok;
            }

            console.Out.WriteLine($"BROKEN at row {result.BrokenAt} ({result.Reason}): {result.Detail}.");
            console.Out.WriteLine($"{result.Count} rows before it verified.");
            return ExitCodes.Failed;
        });
        return command;
    }

    private static Command Export(GlobalOptions global, CliConsole console)
    {
        var format = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => "jsonl" }
            .AcceptOnlyFromAmong("jsonl");
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output" };
        var command = new Command("export", "Write every audit event, with its hashes, one JSON object per line") { format, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = await CliHost.BuildAsync(parse, global, console, requireStore: true, cancellationToken);
            if (services is null)
            {
                return ExitCodes.Usage;
            }

            var path = parse.GetValue(output);
            var writer = path is null ? console.Out : new StreamWriter(path, append: false);
            try
            {
                await using var unit = await services.GetRequiredService<IGateStore>().OpenAsync(cancellationToken);
                long count = 0;
                await foreach (var e in unit.Audit.ReadAllAsync(cancellationToken))
                {
                    await writer.WriteLineAsync(Line(e).AsMemory(), cancellationToken);
                    count++;
                }

                await writer.FlushAsync(cancellationToken);
                if (path is not null)
                {
                    console.Error.WriteLine($"Exported {count} audit events to {path}.");
                }
            }
            finally
            {
                if (path is not null)
                {
                    await writer.DisposeAsync();
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Line(AuditEvent e)
    {
        using var data = JsonDocument.Parse(e.Data);
        return JsonSerializer.Serialize(new
        {
            sequence = e.Sequence,
            at = e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            actor = e.Actor,
            subject = e.Subject,
            type = e.Type,
            code = e.Code,
            ip = e.Ip,
            data = data.RootElement,
            previous_hash = Convert.ToHexStringLower(e.PreviousHash),
            hash = Convert.ToHexStringLower(e.Hash),
        });
    }
}
