namespace Portcullis.Core.Notifications.Reports;

/// <summary>A device in a report: <see cref="At"/> is when it was first seen (added) or revoked.</summary>
/// <param name="Kind">browser, native, authenticator, security_key…</param>
public sealed record ReportDevice(Guid Id, string Name, string Kind, DateTimeOffset At, string? Ip);
