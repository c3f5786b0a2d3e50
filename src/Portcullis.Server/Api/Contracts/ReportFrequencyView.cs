namespace Portcullis.Server.Api.Contracts;

/// <summary>The activity-report frequency and the end of the last period emailed (null before the first).</summary>
public sealed record ReportFrequencyView(string Frequency, DateTimeOffset? LastReportAt);
