using Portcullis.Core.Results;

namespace Portcullis.Core.Notifications.Reports;

/// <summary>Stable codes for activity reports.</summary>
public static class ReportErrors
{
    public const string InvalidPeriodCode = "report.invalid_period";
    public const string InvalidEndCode = "report.invalid_end";
    public const string InvalidFormatCode = "report.invalid_format";
    public const string InvalidFrequencyCode = "report.invalid_frequency";

    public static Error InvalidPeriod() => new(InvalidPeriodCode, "The period is 'daily' or 'weekly'.")
    {
        Fields = new Dictionary<string, string[]> { ["period"] = ["daily or weekly."] },
    };

    public static Error InvalidEnd() => new(InvalidEndCode,
        "The end is an ISO 8601 date or time (e.g. 2026-11-02 or 2026-11-02T00:00:00Z), not in the future.")
    {
        Fields = new Dictionary<string, string[]> { ["end"] = ["An ISO 8601 date or time, not in the future."] },
    };

    public static Error InvalidFormat() => new(InvalidFormatCode, "The format is 'json' or 'text'.")
    {
        Fields = new Dictionary<string, string[]> { ["format"] = ["json or text."] },
    };

    public static Error InvalidFrequency() => new(InvalidFrequencyCode, "The frequency is 'off', 'daily' or 'weekly'.")
    {
        Fields = new Dictionary<string, string[]> { ["frequency"] = ["off, daily or weekly."] },
    };
}
