namespace Portcullis.Core.Policy;

/// <summary>Sums a user's <see cref="OperationUsage"/> rows into the totals the engine compares with each cap.</summary>
public static class CapTotals
{
    /// <summary>How far back the longest of <paramref name="caps"/> looks from <paramref name="now"/>.</summary>
    public static DateTimeOffset Since(IReadOnlyList<CapQuery> caps, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(caps);
        var longest = TimeSpan.Zero;
        foreach (var cap in caps)
        {
            longest = cap.Window > longest ? cap.Window : longest;
        }

        return now - longest;
    }

    /// <summary>
    /// For each cap: the sum of its attribute (<c>count</c> counts uses) over the uses of its operations within its
    /// window ending at <paramref name="now"/>. A use without the attribute adds nothing to a sum.
    /// </summary>
    public static Dictionary<string, decimal> Sum(IReadOnlyList<CapQuery> caps, IEnumerable<OperationUsage> uses, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(caps);
        var list = uses as IReadOnlyCollection<OperationUsage> ?? [.. uses];
        var totals = new Dictionary<string, decimal>(caps.Count, StringComparer.Ordinal);
        foreach (var cap in caps)
        {
            var since = now - cap.Window;
            var total = 0m;
            foreach (var use in list)
            {
                if (use.At >= since && use.At <= now && cap.Operations.Any(p => PolicyRule.PatternMatches(p, use.Operation)))
                {
                    total += cap.Attribute switch
                    {
                        "count" => 1m,
                        "amount" => use.Amount ?? 0m,
                        "notional" => use.Notional ?? 0m,
                        var other => throw new InvalidOperationException($"Cap attribute '{other}' is not summable."),
                    };
                }
            }

            totals[cap.Key] = total;
        }

        return totals;
    }
}
