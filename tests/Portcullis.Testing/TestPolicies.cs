namespace Portcullis.Testing;

/// <summary>Policies that more than one test project runs a gate with (<c>Policy:File</c>).</summary>
public static class TestPolicies
{
    /// <summary>
    /// Orders, reads and sign-in matters need no proof, but at most two orders are placed a day (a third is refused as
    /// <c>policy.limit_exceeded</c>); anything else is denied.
    /// </summary>
    public const string TwoOrdersADay = """
        version: 1
        tiers:
          open:
            proofs: []
            unattended: allow
        rules:
          - name: two-orders-a-day
            operations: [order.place]
            cap: { sum: count, over: 24h, above: 2 }
            decision: deny
            reason: limit_exceeded
          - name: everything-else
            operations: ["*.read", "order.*", "session.*", "factor.*", "device.*"]
            tier: open
          - name: default-deny
            operations: ["*"]
            decision: deny
            reason: default_deny
        """;

    /// <summary>Reads, API keys and freezes need no proof; anything else is denied (for bots' reads across nodes).</summary>
    public static readonly string KeysReadsAndFreezes = Open("", ["*.read", "apikey.*", "freeze.*"]);

    /// <summary>
    /// A policy whose <paramref name="rules"/> (YAML list items, indented by two spaces) come first, then
    /// <paramref name="openOperations"/> need no proof, and anything else is denied.
    /// </summary>
    public static string Open(string rules, IEnumerable<string> openOperations)
    {
        var open = string.Join(", ", openOperations.Select(o => $"\"{o}\""));
        return $"""
            version: 1
            tiers:
              open:
                proofs: []
                unattended: allow
            rules:
            {rules}
              - name: everything-else
                operations: [{open}]
                tier: open
              - name: default-deny
                operations: ["*"]
                decision: deny
                reason: default_deny
            """;
    }

    /// <summary>Writes <paramref name="yaml"/> as <c>policy.yaml</c> in <paramref name="folder"/> and returns its path.</summary>
    public static string Write(TempDirectory folder, string yaml)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var file = Path.Combine(folder.Path, "policy.yaml");
        File.WriteAllText(file, yaml);
        return file;
    }
}
