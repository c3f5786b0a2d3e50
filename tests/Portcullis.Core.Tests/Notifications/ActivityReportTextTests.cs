using Portcullis.Core.Notifications.Reports;

namespace Portcullis.Core.Tests.Notifications;

public sealed class ActivityReportTextTests
{
    private static readonly DateTimeOffset End = new(2026, 11, 9, 0, 0, 0, TimeSpan.Zero);

    private static ActivityReport Empty() => new(
        Guid.NewGuid(), "alice", ReportPeriod.Weekly, End.AddDays(-7), End, End.AddMinutes(10),
        new ReportSignIns(0, 0, [], []),
        new ReportDevices([], []),
        [], [], [],
        new ReportCurrentState(End.AddMinutes(10), 0, 0));

    [Fact]
    public void Render_EmptyReport_SaysNoneInEverySection()
    {
        var text = ActivityReportText.Render(Empty());

        Assert.Contains("Portcullis activity report (weekly)", text, StringComparison.Ordinal);
        Assert.Contains("Period:    2026-11-02 00:00 UTC to 2026-11-09 00:00 UTC", text, StringComparison.Ordinal);
        Assert.Contains("  Successful: 0\n", text, StringComparison.Ordinal);
        Assert.Contains("  Failed attempts: 0\n", text, StringComparison.Ordinal);
        Assert.Contains("  New: none\n", text, StringComparison.Ordinal);
        Assert.Contains("  Revoked: none\n", text, StringComparison.Ordinal);
        Assert.Contains("SECURITY CHANGES\n----------------\n  none\n", text, StringComparison.Ordinal);
        Assert.Contains("TRADES\n------\n  none\n", text, StringComparison.Ordinal);
        Assert.Contains("API KEY USAGE\n-------------\n  none\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithActivity_ListsEachSignInFailureSourceDeviceAndChange()
    {
        var at = End.AddDays(-1).AddHours(9).AddMinutes(31);
        var device = Guid.NewGuid();
        var report = Empty() with
        {
            SignIns = new ReportSignIns(1, 3,
                [new ReportSignIn(at, "203.0.113.7", device, "Laptop", "password+totp", "aal2", NewDevice: true)],
                [new ReportFailedSource("198.51.100.9", 2, at), new ReportFailedSource("203.0.113.7", 1, at)]),
            Devices = new ReportDevices([new ReportDevice(device, "Laptop", "browser", at, "203.0.113.7")], []),
            SecurityChanges = [new ReportEvent(at, "security.new_device", "New sign-in from a new device", "New sign-in from a new device: Laptop.")],
            Current = new ReportCurrentState(End, 2, 3),
        };

        var text = ActivityReportText.Render(report);

        Assert.Contains("  Successful: 1\n    2026-11-08 09:31 UTC  203.0.113.7      Laptop                    password+totp (aal2)  [new device]\n",
            text, StringComparison.Ordinal);
        Assert.Contains("  Failed attempts: 3\n    198.51.100.9     2 attempts, last 2026-11-08 09:31 UTC\n    203.0.113.7      1 attempt,",
            text, StringComparison.Ordinal);
        Assert.Contains("  New: 1\n    2026-11-08 09:31 UTC  Laptop (browser), first seen from 203.0.113.7\n", text, StringComparison.Ordinal);
        Assert.Contains("  2026-11-08 09:31 UTC  New sign-in from a new device\n      New sign-in from a new device: Laptop.\n", text, StringComparison.Ordinal);
        Assert.Contains("  Active sessions: 2\n  Active devices:  3\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DeviceNameWithLineBreaks_CannotForgeLines()
    {
        var at = End.AddHours(-2);
        var report = Empty() with
        {
            Devices = new ReportDevices([new ReportDevice(Guid.NewGuid(), "Evil\nSECURITY CHANGES\r\n  none", "browser", at, null)], []),
        };

        var text = ActivityReportText.Render(report);

        Assert.Contains("Evil SECURITY CHANGES    none (browser)", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n'), l => l == "SECURITY CHANGES");
    }
}
