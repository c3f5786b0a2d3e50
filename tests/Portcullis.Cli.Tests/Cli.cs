using System.Text.RegularExpressions;

namespace Portcullis.Cli.Tests;

/// <summary>Runs <c>portcullis</c> in-process through its public entry point, capturing both streams.</summary>
public static partial class Cli
{
    /// <summary>Longest a single in-process command may take before the test gives up on it.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var timeout = new CancellationTokenSource(Timeout);
        var code = await PortcullisCli.RunAsync(args, output, error, timeout.Token);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>The one-time password a command printed (init, user add, user reset-password).</summary>
    public static string OneTimePassword(CliResult result)
    {
        var matches = OneTimePasswordLine().Matches(result.Out);
        Assert.True(matches.Count == 1, $"expected one one-time password line:\n{result}");
        return matches[0].Groups["password"].Value;
    }

    [GeneratedRegex(@"^One-time password \(shown once; change it at first sign-in\): (?<password>\S+)\r?$", RegexOptions.Multiline)]
    public static partial Regex OneTimePasswordLine();
}
