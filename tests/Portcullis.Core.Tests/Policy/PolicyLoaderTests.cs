using Portcullis.Core.Policy;

namespace Portcullis.Core.Tests.Policy;

public sealed class PolicyLoaderTests
{
    private const string Valid = """
        version: 1
        tiers:
          routine:
            proofs: [possession, phishing_resistant]
            idle: 15m
        rules:
          - name: orders
            operations: [order.place]
            when: [notional < 250000]
            tier: routine
          - name: default-deny
            operations: ["*"]
            decision: deny
        """;

    [Fact]
    public void Valid_Compiles()
    {
        var (policy, problems) = PolicyLoader.Load(Valid, "test");

        Assert.Empty(problems);
        Assert.Equal(["orders", "default-deny"], policy!.Rules.Select(r => r.Name));
    }

    [Fact]
    public void DefaultPolicy_Compiles()
    {
        var (policy, problems) = PolicyLoader.Load(PolicyLoader.DefaultText(), PolicyLoader.DefaultSource);

        Assert.Empty(problems);
        Assert.Equal("default-deny", policy!.Rules[^1].Name);
        Assert.Equal(["monitor", "routine", "critical"], policy.Tiers.Take(3).Select(t => t.Name));
    }

    [Fact]
    public void TwoErrors_AreBothReportedWithTheirPaths()
    {
        var text = Valid.Replace("idle: 15m", "idle: soon", StringComparison.Ordinal)
            .Replace("notional < 250000", "notional < lots", StringComparison.Ordinal);

        var (policy, problems) = PolicyLoader.Load(text, "test");

        Assert.Null(policy);
        Assert.Equal(["tiers.routine.idle", "rules[0].when[0]"], problems.Select(p => p.Path));
        Assert.Contains("soon", problems[0].Message, StringComparison.Ordinal);
        Assert.Equal(5, problems[0].Line);
        Assert.Contains("lots", problems[1].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("decision: deny", "decision: allow")]
    [InlineData("operations: [\"*\"]\n    decision: deny", "operations: [\"order.*\"]\n    decision: deny")]
    public void WithoutDefaultDeny_IsRejected(string from, string to)
    {
        var (policy, problems) = PolicyLoader.Load(Valid.Replace(from, to, StringComparison.Ordinal), "test");

        Assert.Null(policy);
        var problem = Assert.Single(problems);
        Assert.Equal("rules[1]", problem.Path);
        Assert.Contains("default-deny", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConditionOnDefaultDeny_IsRejected()
    {
        var text = Valid + "\n    when: [initiator == session]";

        var (_, problems) = PolicyLoader.Load(text, "test");

        Assert.Equal("rules[1]", Assert.Single(problems).Path);
    }

    [Theory]
    [InlineData("operations: [order.place]", "operations: [order.placed]", "rules[0].operations[0]", "matches no operation")]
    [InlineData("tier: routine", "tier: routin", "rules[0].tier", "unknown tier 'routin'")]
    [InlineData("notional < 250000", "\"asset_class in [options]\"", "rules[0].when[0]", "'options' is not a known asset_class")]
    [InlineData("notional < 250000", "colour == red", "rules[0].when[0]", "unknown attribute 'colour'")]
    [InlineData("notional < 250000", "\"notional in [1, 2]\"", "rules[0].when[0]", "is a number")]
    [InlineData("notional < 250000", "device.trusted == yes", "rules[0].when[0]", "true or false")]
    [InlineData("notional < 250000", "\"source_ip in [10.0.0.0/33]\"", "rules[0].when[0]", "not an IP address")]
    [InlineData("proofs: [possession, phishing_resistant]", "proofs: [sms]", "tiers.routine.proofs[0]", "unknown proof class 'sms'")]
    [InlineData("idle: 15m", "idle: 15m\n    unattended: maybe", "tiers.routine.unattended", "allow, hold or deny")]
    [InlineData("idle: 15m", "idle: 15m\n    colour: red", "tiers.routine.colour", "unknown key")]
    [InlineData("version: 1", "version: 2", "version", "must be 1")]
    [InlineData("tier: routine", "tier: routine\n    decision: allow", "rules[0]", "both 'tier' and 'decision'")]
    [InlineData("tier: routine", "decision: step_up", "rules[0].decision", "step-up comes from a tier")]
    [InlineData("- name: default-deny", "- name: orders", "rules[1].name", "unique")]
    [InlineData("tier: routine", "tier: routine\n    cap: { sum: amount, over: 24h }", "rules[0].cap.above", "required")]
    [InlineData("tier: routine", "tier: routine\n    cap: { sum: fees, over: 24h, above: 5 }", "rules[0].cap.sum", "amount, notional or count")]
    public void EachMistake_IsReportedAtItsPath(string from, string to, string path, string message)
    {
        var (policy, problems) = PolicyLoader.Load(Valid.Replace(from, to, StringComparison.Ordinal), "test");

        Assert.Null(policy);
        var problem = Assert.Single(problems);
        Assert.Equal(path, problem.Path);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotYaml_IsOneProblem()
    {
        var (policy, problems) = PolicyLoader.Load("rules: [unclosed", "test");

        Assert.Null(policy);
        Assert.Contains("not valid YAML", Assert.Single(problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_IsAccepted()
    {
        const string json = """
            {"version": 1, "tiers": {"any": {"proofs": []}},
             "rules": [{"name": "reads", "operations": ["*.read"], "tier": "any"},
                       {"name": "default-deny", "operations": ["*"], "decision": "deny"}]}
            """;

        var (policy, problems) = PolicyLoader.Load(json, "test");

        Assert.Empty(problems);
        Assert.Equal(2, policy!.Rules.Count);
    }

    [Theory]
    [InlineData("300", 300)]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("12h", 43200)]
    [InlineData("7d", 604800)]
    public void Durations_Parse(string text, int seconds)
    {
        Assert.True(Durations.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5w")]
    [InlineData("-5m")]
    [InlineData("m")]
    public void Durations_RejectNonsense(string text) => Assert.False(Durations.TryParse(text, out _));
}
