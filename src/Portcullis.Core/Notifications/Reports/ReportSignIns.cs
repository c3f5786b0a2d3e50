namespace Portcullis.Core.Notifications.Reports;

/// <summary>Sign-ins of the period: each successful one, and failed attempts counted by source address.</summary>
public sealed record ReportSignIns(int Succeeded, int Failed, IReadOnlyList<ReportSignIn> Successes, IReadOnlyList<ReportFailedSource> FailuresByIp);
