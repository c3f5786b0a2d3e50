using System.Globalization;

namespace Portcullis.Server.Portal;

/// <summary>Durations and waits in words for the portal's pages ("5 minutes", "1 day 2 hours"), never a bare code.</summary>
public static class Waits
{
    /// <summary><paramref name="span"/> in words, to the largest two units (days, hours, minutes, seconds).</summary>
    public static string Words(TimeSpan span)
    {
        if (span <= TimeSpan.Zero)
        {
            return "no time";
        }

        var parts = new List<string>(2);
        void Add(int count, string unit)
        {
            if (count > 0 && parts.Count < 2)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{count} {unit}{(count == 1 ? "" : "s")}"));
            }
        }

        Add(span.Days, "day");
        Add(span.Hours, "hour");
        if (span.Days == 0)
        {
            Add(span.Minutes, "minute");
        }

        if (span.Days == 0 && span.Hours == 0)
        {
            Add(span.Minutes == 0 ? Math.Max(1, (int)Math.Ceiling(span.TotalSeconds)) : span.Seconds, "second");
        }

        return string.Join(' ', parts);
    }

    /// <summary>A moment as the pages show it: UTC, to the minute.</summary>
    public static string At(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A moment as a <c>&lt;time datetime&gt;</c> value (ISO 8601, UTC).</summary>
    public static string Iso(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>A moment in the future as a page shows it: the time itself and how long until it, which <c>countdown.js</c> keeps current.</summary>
/// <param name="At">The moment.</param>
/// <param name="Now">The server's clock when the page was made (the countdown measures from it, not from the device's clock).</param>
public sealed record Countdown(DateTimeOffset At, DateTimeOffset Now)
{
    public string Left => At > Now ? $"({Waits.Words(At - Now)} left)" : "(reached: reload the page)";
}
