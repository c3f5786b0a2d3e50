namespace Portcullis.Server.Api.Contracts;

/// <summary>How often the activity report is emailed: <c>off</c>, <c>daily</c> or <c>weekly</c>.</summary>
public sealed record ReportFrequencyBody(string? Frequency);
