namespace Portcullis.LoadTest;

/// <summary>Medians and percentiles (nearest rank).</summary>
public static class Stats
{
    public static double Median(IEnumerable<double> values) => Percentile(values, 50);

    /// <summary>The nearest-rank percentile; <see cref="double.NaN"/> for no values.</summary>
    public static double Percentile(IEnumerable<double> values, double percent)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        if (percent == 50 && sorted.Length % 2 == 0)
        {
            return (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
