using System.Globalization;
using System.Text;

namespace Portcullis.Core.Notifications.Reports;

/// <summary>
/// The report as plain text: fixed-width friendly, one heading per section, <c>none</c> for an empty section.
/// It is the body of the report email. Names that users chose (devices) are stripped of control characters
/// so that they cannot forge lines of the report.
/// </summary>
public static class ActivityReportText
{
    private const string TimeFormat = "yyyy-MM-dd HH:mm 'UTC'";

    public static string Render(ActivityReport report)
    {
        var text = new StringBuilder();
        var period = ReportPeriods.WireName(report.Period);
        Line(text, $"Portcullis activity report ({period})");
        Line(text, $"Account:   {Clean(report.Username)}");
        Line(text, $"Period:    {Time(report.Start)} to {Time(report.End)}");
        Line(text, $"Generated: {Time(report.GeneratedAt)}");

        Heading(text, "SIGN-INS");
        var signIns = report.SignIns;
        Line(text, $"  Successful: {signIns.Succeeded}");
        foreach (var s in signIns.Successes)
        {
            var assurance = s.Assurance is null ? string.Empty : $" ({s.Assurance})";
            var isNew = s.NewDevice ? "  [new device]" : string.Empty;
            Line(text, $"    {Time(s.At)}  {Pad(s.Ip ?? "unknown", 15)}  {Pad(Clean(s.DeviceName ?? "unknown device"), 24)}  {s.Method}{assurance}{isNew}");
        }

        Line(text, $"  Failed attempts: {signIns.Failed}");
        foreach (var f in signIns.FailuresByIp)
        {
            Line(text, $"    {Pad(f.Ip, 15)}  {f.Count} {(f.Count == 1 ? "attempt" : "attempts")}, last {Time(f.LastAt)}");
        }

        Heading(text, "DEVICES");
        Devices(text, "New", report.Devices.Added, "first seen");
        Devices(text, "Revoked", report.Devices.Revoked, "revoked");

        Events(text, "SECURITY CHANGES", report.SecurityChanges);
        Events(text, "TRADES", report.Trades);
        Events(text, "API KEY USAGE", report.ApiKeys);

        Heading(text, $"NOW (as of {Time(report.Current.AsOf)})");
        Line(text, $"  Active sessions: {report.Current.ActiveSessions}");
        Line(text, $"  Active devices:  {report.Current.ActiveDevices}");
        text.AppendLine();
        Line(text, "If you do not recognise something in this report, revoke the device or session, change your password");
        Line(text, "and contact your platform's support.");
        return text.ToString();
    }

    private static void Devices(StringBuilder text, string label, IReadOnlyList<ReportDevice> devices, string verb)
    {
        if (devices.Count == 0)
        {
            Line(text, $"  {label}: none");
            return;
        }

        Line(text, $"  {label}: {devices.Count}");
        foreach (var d in devices)
        {
            var ip = d.Ip is null ? string.Empty : $" from {d.Ip}";
            Line(text, $"    {Time(d.At)}  {Clean(d.Name)} ({d.Kind}), {verb}{ip}");
        }
    }

    private static void Events(StringBuilder text, string heading, IReadOnlyList<ReportEvent> events)
    {
        Heading(text, heading);
        if (events.Count == 0)
        {
            Line(text, "  none");
            return;
        }

        foreach (var e in events)
        {
            Line(text, $"  {Time(e.At)}  {Clean(e.Title)}");
            Line(text, $"      {Clean(e.Summary)}");
        }
    }

    private static void Heading(StringBuilder text, string heading)
    {
        text.AppendLine();
        Line(text, heading);
        Line(text, new string('-', heading.Length));
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static string Pad(string value, int width) => value.PadRight(width);

    /// <summary>One line: control characters (new lines included) become spaces.</summary>
    private static string Clean(string value)
    {
        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsControl(chars[i]) || chars[i] is '\u2028' or '\u2029')
            {
                chars[i] = ' ';
            }
        }

        return new string(chars);
    }
}
