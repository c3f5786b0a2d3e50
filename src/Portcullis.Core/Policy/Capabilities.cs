namespace Portcullis.Core.Policy;

/// <summary>Names of <see cref="Capability"/> values as the API, policy files and the audit log spell them.</summary>
public static class Capabilities
{
    public static readonly IReadOnlyList<(string Name, Capability Value)> Names =
    [
        ("trading", Capability.Trading),
        ("withdrawals", Capability.Withdrawals),
        ("api", Capability.Api),
        ("security_changes", Capability.SecurityChanges),
        ("all", Capability.All),
    ];

    public static bool TryParse(string? name, out Capability capability)
    {
        foreach (var (n, v) in Names)
        {
            if (string.Equals(n, name, StringComparison.Ordinal))
            {
                capability = v;
                return true;
            }
        }

        capability = Capability.None;
        return false;
    }

    public static string Name(Capability capability) =>
        Names.FirstOrDefault(n => n.Value == capability).Name ?? Describe(capability);

    /// <summary>A set of capabilities in words, e.g. <c>trading, withdrawals</c>.</summary>
    public static string Describe(Capability set) =>
        set == Capability.All ? "all" : string.Join(", ", Names.Where(n => n.Value != Capability.All && (set & n.Value) != 0).Select(n => n.Name));
}
