namespace Portcullis.Server.Hosting;

/// <summary>
/// Where configuration comes from, later sources winning: built-in defaults, <c>portcullis.json</c> (in the
/// working directory, or the file given with <c>--config</c>), environment variables prefixed
/// <c>PORTCULLIS_</c> (e.g. <c>PORTCULLIS_Storage__Provider=postgres</c>), then command-line options.
/// </summary>
public static class PortcullisConfiguration
{
    public const string DefaultFile = "portcullis.json";
    public const string EnvironmentPrefix = "PORTCULLIS_";

    public static IConfigurationBuilder AddPortcullisSources(this IConfigurationBuilder builder, string? configFile,
        IReadOnlyDictionary<string, string?>? overrides)
    {
        var file = configFile ?? DefaultFile;
        var path = Path.GetFullPath(file);
        if (configFile is not null && !File.Exists(path))
        {
            throw new FileNotFoundException($"The configuration file '{configFile}' does not exist.", configFile);
        }

        builder.AddJsonFile(path, optional: configFile is null, reloadOnChange: false);
        builder.AddEnvironmentVariables(EnvironmentPrefix);
        if (overrides is { Count: > 0 })
        {
            builder.AddInMemoryCollection(overrides);
        }

        return builder;
    }
}
