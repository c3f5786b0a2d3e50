namespace Portcullis.Core.Notifications.Reports;

/// <summary>Devices first seen and devices revoked in the period.</summary>
public sealed record ReportDevices(IReadOnlyList<ReportDevice> Added, IReadOnlyList<ReportDevice> Revoked);
