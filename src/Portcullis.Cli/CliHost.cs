using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portcullis.Cli.Commands;
using Portcullis.Core.Persistence;
using Portcullis.Server.Hosting;

namespace Portcullis.Cli;

/// <summary>Services for admin commands: the same configuration and registrations as the server, without HTTP.</summary>
internal static class CliHost
{
    /// <summary>
    /// Builds the services, or reports every configuration problem and returns <c>null</c>.
    /// With <paramref name="requireStore"/>, also refuses a store that is missing or not migrated.
    /// </summary>
    public static async Task<ServiceProvider?> BuildAsync(ParseResult parse, GlobalOptions global, CliConsole console,
        bool requireStore, CancellationToken cancellationToken)
    {
        IConfiguration configuration;
        try
        {
            configuration = new ConfigurationBuilder()
                .AddPortcullisSources(parse.GetValue(global.Config), global.Overrides(parse))
                .Build();
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException or FormatException)
        {
            console.Fail(ex.Message);
            return null;
        }

        var services = new ServiceCollection();
        services.AddLogging(b => b.AddConfiguration(configuration.GetSection("Logging")).SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(configuration);
        services.AddPortcullis(configuration);
        var provider = services.BuildServiceProvider();
        var problems = provider.CheckConfiguration();
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                console.Fail($"configuration: {problem}");
            }

            await provider.DisposeAsync();
            return null;
        }

        if (requireStore)
        {
            var problem = await provider.GetRequiredService<IGateStore>().GetStatusAsync(cancellationToken) switch
            {
                StoreStatus.Ready => null,
                StoreStatus.Unreachable => "cannot connect to the database: check Storage:ConnectionString and that the server is up",
                StoreStatus.Outdated => "the store needs an upgrade: run 'portcullis init' (or start 'portcullis serve') to apply migrations",
                _ => "there is no store here yet: run 'portcullis init' first",
            };
            if (problem is not null)
            {
                console.Fail(problem);
                await provider.DisposeAsync();
                return null;
            }
        }

        return provider;
    }
}
