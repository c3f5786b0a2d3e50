namespace Portcullis.Cli.Tests;

/// <summary>
/// Tests that replace <see cref="Console.In"/> (process-wide) run in this collection, which xunit runs on
/// its own after every parallel test.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleInput
{
    public const string Name = "Console.In";

    /// <summary>Runs <paramref name="run"/> with <paramref name="input"/> as standard input, then restores it.</summary>
    public static async Task<CliResult> WithStandardInputAsync(string input, Func<Task<CliResult>> run)
    {
        var original = Console.In;
        Console.SetIn(new StringReader(input));
        try
        {
            return await run();
        }
        finally
        {
            Console.SetIn(original);
        }
    }
}
