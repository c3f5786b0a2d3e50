namespace Portcullis.Core.Notifications.Reports;

/// <summary>The account when the report was made: sessions not expired or revoked, devices not revoked.</summary>
public sealed record ReportCurrentState(DateTimeOffset AsOf, int ActiveSessions, int ActiveDevices);
