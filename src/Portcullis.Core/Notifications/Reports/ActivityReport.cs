namespace Portcullis.Core.Notifications.Reports;

/// <summary>
/// What happened on a user's account in [<see cref="Start"/>, <see cref="End"/>): sign-ins, devices, security
/// changes, trades and API-key use, with the account's state when the report was made. Never holds a secret
/// (no tokens, no anti-phishing phrase). Its properties are the report's JSON shape (snake_case on the wire).
/// </summary>
public sealed record ActivityReport(
    Guid UserId,
    string Username,
    ReportPeriod Period,
    DateTimeOffset Start,
    DateTimeOffset End,
    DateTimeOffset GeneratedAt,
    ReportSignIns SignIns,
    ReportDevices Devices,
    IReadOnlyList<ReportEvent> SecurityChanges,
    IReadOnlyList<ReportEvent> Trades,
    IReadOnlyList<ReportEvent> ApiKeys,
    ReportCurrentState Current);
