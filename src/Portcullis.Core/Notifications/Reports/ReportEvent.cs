namespace Portcullis.Core.Notifications.Reports;

/// <summary>A notification event listed in a report: its time, type, catalogue title and summary.</summary>
public sealed record ReportEvent(DateTimeOffset At, string Type, string Title, string Summary);
