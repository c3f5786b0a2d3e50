namespace Portcullis.Core.Notifications.Reports;

/// <summary>The half-open interval [<paramref name="Start"/>, <paramref name="End"/>) a report covers.</summary>
public sealed record ReportWindow(ReportPeriod Period, DateTimeOffset Start, DateTimeOffset End);
