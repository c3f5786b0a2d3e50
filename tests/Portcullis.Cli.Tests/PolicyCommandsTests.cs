using System.Text.Json;
using Portcullis.Testing;

namespace Portcullis.Cli.Tests;

/// <summary><c>portcullis policy check|explain|operations|show-default</c>: no store needed.</summary>
public sealed class PolicyCommandsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Check_TheShippedDefault_IsValid()
    {
        var shown = await Cli.RunAsync("policy", "show-default");
        var path = Path.Combine(_dir.Path, "policy.yaml");
        await File.WriteAllTextAsync(path, shown.Out);

        var result = await Cli.RunAsync("policy", "check", path);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("valid (5 tiers", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_TwoErrorsAndNoDefaultDeny_ListsAllThreeWithPaths()
    {
        var path = Path.Combine(_dir.Path, "bad.yaml");
        await File.WriteAllTextAsync(path, """
            version: 1
            tiers:
              routine:
                proofs: [possession]
                idle: soon
            rules:
              - name: orders
                operations: [order.place]
                when: [notional < lots]
                tier: routine
            """);

        var result = await Cli.RunAsync("policy", "check", path);

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("tiers.routine.idle (line 5)", result.Error, StringComparison.Ordinal);
        Assert.Contains("rules[0].when[0] (line 9)", result.Error, StringComparison.Ordinal);
        Assert.Contains("rules[0] (line 7): the last rule must be a default-deny", result.Error, StringComparison.Ordinal);
        Assert.Contains("3 problems", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_MissingFile_Fails()
    {
        var result = await Cli.RunAsync("policy", "check", Path.Combine(_dir.Path, "nope.yaml"));

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("cannot read", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_LargeOrder_WithTotp_PrintsStepUpAndTheRule()
    {
        var result = await Cli.RunAsync("policy", "explain", "--operation", "order.place", "--notional", "500000", "--asset-class", "stock");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("rule:      large-order -> tier critical", result.Out, StringComparison.Ordinal);
        Assert.Contains("decision:  step_up: step_up_required (acr_values=\"phishing_resistant\", max_age=300)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_WithdrawalDuringCooldown_IsDenied()
    {
        var result = await Cli.RunAsync("policy", "explain", "-o", "withdrawal.request", "--amount", "5000", "--has-security-key",
            "--proof", "phishing_resistant:30s", "--cooldown", "20h", "--json");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("deny", json.RootElement.GetProperty("decision").GetString());
        Assert.Equal("cooldown_active", json.RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Explain_ByAnApiKey_IsHeld()
    {
        var result = await Cli.RunAsync("policy", "explain", "-o", "margin.change", "--initiator", "api_key", "--json");

        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(("hold", "money-and-keys"), (json.RootElement.GetProperty("decision").GetString(), json.RootElement.GetProperty("rule").GetString()));
    }

    [Fact]
    public async Task Explain_AgainstAPolicyFile_UsesIt()
    {
        var path = Path.Combine(_dir.Path, "strict.yaml");
        await File.WriteAllTextAsync(path, """
            version: 1
            tiers: { any: { proofs: [] } }
            rules:
              - name: reads-only
                operations: ["*.read"]
                tier: any
              - name: default-deny
                operations: ["*"]
                decision: deny
            """);

        var result = await Cli.RunAsync("policy", "explain", "--policy", path, "-o", "order.place", "--notional", "1");

        Assert.Contains("decision:  deny: default_deny", result.Out, StringComparison.Ordinal);
        Assert.Contains($"policy:    {path}", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--proof", "possession")]
    [InlineData("--frozen", "everything")]
    [InlineData("--idle", "soon")]
    [InlineData("--ip", "not-an-ip")]
    public async Task Explain_BadOption_IsAUsageError(string option, string value)
    {
        var result = await Cli.RunAsync("policy", "explain", "-o", "order.place", option, value);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(option, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operations_ListsTheCatalogue()
    {
        var result = await Cli.RunAsync("policy", "operations");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Contains("withdrawal.request", result.Out, StringComparison.Ordinal);
        Assert.Contains("order.place", result.Out, StringComparison.Ordinal);
    }
}
