namespace Portcullis.Cli.Tests;

/// <summary>What one run of <c>portcullis</c> produced.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>The non-empty lines written to standard error.</summary>
    public IReadOnlyList<string> ErrorLines => Lines(Error);

    /// <summary>The non-empty lines written to standard output.</summary>
    public IReadOnlyList<string> OutLines => Lines(Out);

    /// <summary>Everything the run wrote, for assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Out}\n--- stderr ---\n{Error}";

    private static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
}
