namespace Portcullis.Core.Notifications.Reports;

/// <summary>The span an activity report covers.</summary>
public enum ReportPeriod
{
    /// <summary>The 24 hours before the report's end; the scheduler's periods end at 00:00 UTC.</summary>
    Daily = 0,

    /// <summary>The 7 days before the report's end; the scheduler's periods end on Monday at 00:00 UTC.</summary>
    Weekly = 1,
}
