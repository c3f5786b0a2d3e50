using System.Globalization;

namespace Portcullis.Core.Notifications.Reports;

/// <summary>Report periods: their length, their alignment (UTC midnight, Monday for weeks) and wire names.</summary>
public static class ReportPeriods
{
    public static TimeSpan Length(ReportPeriod period) => period switch
    {
        ReportPeriod.Daily => TimeSpan.FromDays(1),
        ReportPeriod.Weekly => TimeSpan.FromDays(7),
        _ => throw new ArgumentOutOfRangeException(nameof(period)),
    };

    /// <summary>The window of <paramref name="period"/> that ends at <paramref name="end"/> (any instant).</summary>
    public static ReportWindow Ending(ReportPeriod period, DateTimeOffset end)
    {
        var utc = end.ToUniversalTime();
        return new ReportWindow(period, utc - Length(period), utc);
    }

    /// <summary>
    /// The last aligned period completed at <paramref name="now"/>: a daily one ends at the latest 00:00 UTC at
    /// or before it, a weekly one at the latest Monday 00:00 UTC at or before it.
    /// </summary>
    public static ReportWindow LastCompleted(ReportPeriod period, DateTimeOffset now)
    {
        var midnight = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var end = period switch
        {
            ReportPeriod.Daily => midnight,
            ReportPeriod.Weekly => midnight.AddDays(-(((int)midnight.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7)),
            _ => throw new ArgumentOutOfRangeException(nameof(period)),
        };
        return Ending(period, end);
    }

    /// <summary>The period a frequency asks for; null for <see cref="ReportFrequency.Off"/>.</summary>
    public static ReportPeriod? For(ReportFrequency frequency) => frequency switch
    {
        ReportFrequency.Daily => ReportPeriod.Daily,
        ReportFrequency.Weekly => ReportPeriod.Weekly,
        _ => null,
    };

    public static string WireName(ReportPeriod period) => period switch
    {
        ReportPeriod.Daily => "daily",
        ReportPeriod.Weekly => "weekly",
        _ => throw new ArgumentOutOfRangeException(nameof(period)),
    };

    public static string WireName(ReportFrequency frequency) => frequency switch
    {
        ReportFrequency.Off => "off",
        ReportFrequency.Daily => "daily",
        ReportFrequency.Weekly => "weekly",
        _ => throw new ArgumentOutOfRangeException(nameof(frequency)),
    };

    /// <summary><c>daily</c> or <c>weekly</c> (exactly, lower case); null otherwise.</summary>
    public static ReportPeriod? ParsePeriod(string? value) => value switch
    {
        "daily" => ReportPeriod.Daily,
        "weekly" => ReportPeriod.Weekly,
        _ => null,
    };

    /// <summary><c>off</c>, <c>daily</c> or <c>weekly</c> (exactly, lower case); null otherwise.</summary>
    public static ReportFrequency? ParseFrequency(string? value) => value switch
    {
        "off" => ReportFrequency.Off,
        "daily" => ReportFrequency.Daily,
        "weekly" => ReportFrequency.Weekly,
        _ => null,
    };

    /// <summary>
    /// An ISO 8601 instant (<c>2026-11-02T00:00:00Z</c>, an offset, or a date alone meaning 00:00 UTC); a value
    /// without an offset is UTC. Null when it does not parse.
    /// </summary>
    public static DateTimeOffset? ParseEnd(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 40)
        {
            return null;
        }

        string[] formats =
        [
            "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
            "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        ];
        return DateTimeOffset.TryParseExact(value.Trim(), formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : null;
    }
}
