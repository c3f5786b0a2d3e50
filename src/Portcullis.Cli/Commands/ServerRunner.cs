using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portcullis.Server.Hosting;
using Portcullis.Server.Trading;

namespace Portcullis.Cli.Commands;

/// <summary>Checks configuration, migrates the store, runs seeding, starts Kestrel and waits for shutdown.</summary>
internal static class ServerRunner
{
    public static Option<string?> UrlsOption() => new("--urls")
    {
        Description = "Where to listen, e.g. http://localhost:5080 (several separated by ';')",
    };

    public static async Task<int> RunAsync(ParseResult parse, GlobalOptions global, Option<string?> urls, CliConsole console,
        Func<IServiceProvider, CancellationToken, Task<bool>>? beforeStart,
        Action<IServiceProvider, IReadOnlyList<string>>? afterStart,
        CancellationToken cancellationToken)
    {
        var overrides = global.Overrides(parse);
        if (parse.GetValue(urls) is { } listen)
        {
            overrides["Server:Urls"] = listen;
        }

        WebApplication app;
        try
        {
            app = GateApp.Build(GateApp.CreateBuilder(parse.GetValue(global.Config), overrides));
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException or FormatException)
        {
            console.Fail(ex.Message);
            return ExitCodes.Usage;
        }

        await using (app)
        {
            var problems = app.Services.CheckConfiguration();
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    console.Fail($"configuration: {problem}");
                }

                return ExitCodes.Usage;
            }

            await app.Services.MigrateAllAsync(cancellationToken);
            if (beforeStart is not null && !await beforeStart(app.Services, cancellationToken))
            {
                return ExitCodes.Failed;
            }

            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException ex)
            {
                console.Fail($"cannot listen: {ex.Message}");
                return ExitCodes.Failed;
            }

            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
            afterStart?.Invoke(app.Services, addresses);
            try
            {
                await app.WaitForShutdownAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: the host stops below.
            }

            await app.StopAsync(CancellationToken.None);
            return ExitCodes.Ok;
        }
    }
}
