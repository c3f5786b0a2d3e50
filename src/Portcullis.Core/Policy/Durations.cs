using System.Globalization;

namespace Portcullis.Core.Policy;

/// <summary>Durations as policy files write them: <c>300</c> (seconds), <c>90s</c>, <c>5m</c>, <c>12h</c>, <c>7d</c>.</summary>
public static class Durations
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim();
        var unit = char.IsAsciiLetter(t[^1]) ? t[^1] : 's';
        var digits = char.IsAsciiLetter(t[^1]) ? t[..^1] : t;
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 10_000_000)
        {
            return false;
        }

        value = unit switch
        {
            's' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            _ => TimeSpan.MinValue,
        };
        return value != TimeSpan.MinValue;
    }

    /// <summary>The shortest exact spelling, e.g. <c>5m</c>, <c>24h</c>, <c>90s</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            return "-" + Format(-value);
        }

        var seconds = (long)Math.Floor(value.TotalSeconds);
        return seconds switch
        {
            _ when seconds != 0 && seconds % 86400 == 0 => $"{seconds / 86400}d",
            _ when seconds != 0 && seconds % 3600 == 0 => $"{seconds / 3600}h",
            _ when seconds != 0 && seconds % 60 == 0 => $"{seconds / 60}m",
            _ => $"{seconds}s",
        };
    }
}
