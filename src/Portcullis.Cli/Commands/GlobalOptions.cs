using System.CommandLine;

namespace Portcullis.Cli.Commands;

/// <summary>Options every command accepts; they override the configuration file and environment.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Config { get; } = new("--config")
    {
        Description = "Configuration file (default: ./portcullis.json when present)",
        Recursive = true,
    };

    public Option<string?> DataDir { get; } = new("--data-dir")
    {
        Description = "Data folder for the embedded store (default: ./.portcullis)",
        Recursive = true,
    };

    public Option<string?> Storage { get; } = new Option<string?>("--storage")
    {
        Description = "Storage provider: sqlite (default) or postgres",
        Recursive = true,
    }.AcceptOnlyFromAmong("sqlite", "postgres");

    public Option<string?> ConnectionString { get; } = new("--connection-string")
    {
        Description = "Database connection string (prefer PORTCULLIS_Storage__ConnectionString: arguments are visible to other users)",
        Recursive = true,
    };

    public void AddTo(Command root)
    {
        root.Options.Add(Config);
        root.Options.Add(DataDir);
        root.Options.Add(Storage);
        root.Options.Add(ConnectionString);
    }

    /// <summary>The configuration keys these options set, for the options that were given.</summary>
    public Dictionary<string, string?> Overrides(ParseResult parse)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        Set(overrides, "Storage:DataDirectory", parse.GetValue(DataDir));
        Set(overrides, "Storage:Provider", parse.GetValue(Storage));
        Set(overrides, "Storage:ConnectionString", parse.GetValue(ConnectionString));
        return overrides;
    }

    private static void Set(Dictionary<string, string?> overrides, string key, string? value)
    {
        if (value is not null)
        {
            overrides[key] = value;
        }
    }
}
