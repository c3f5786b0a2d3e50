namespace Portcullis.Core.Notifications.Reports;

/// <summary>Failed sign-in attempts from one address (<c>unknown</c> when none was recorded).</summary>
public sealed record ReportFailedSource(string Ip, int Count, DateTimeOffset LastAt);
