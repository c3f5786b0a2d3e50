using System.Text.Json;
using Portcullis.Core.Audit;
using Portcullis.Core.Devices;
using Portcullis.Core.Persistence;
using Portcullis.Core.Results;
using Portcullis.Core.Users;

namespace Portcullis.Core.Notifications.Reports;

/// <summary>
/// Builds activity reports from the audit log (sign-ins), the notification events (security changes, trades,
/// API keys) and the device and session tables, and keeps each user's report frequency.
/// </summary>
public sealed class ActivityReportService(IGateStore store, TimeProvider time)
{
    private static readonly string[] SignInTypes = [AuditEventTypes.SignInSucceeded, AuditEventTypes.SignInFailed];

    /// <summary>Notification types listed as security changes: every <c>security.*</c>, and freezes and recoveries.</summary>
    private static readonly string[] SecurityPrefixes = ["security.", "account.", "recovery."];

    /// <summary>The report of <paramref name="period"/> ending at <paramref name="end"/> for a user.</summary>
    public async Task<Result<ActivityReport>> BuildAsync(Guid userId, ReportPeriod period, DateTimeOffset end, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        var user = await unit.Users.FindAsync(userId, cancellationToken);
        return user is null
            ? UserErrors.NotFound()
            : await BuildAsync(unit, user, ReportPeriods.Ending(period, end), cancellationToken);
    }

    /// <summary>The report for a user named by username (the CLI).</summary>
    public async Task<Result<ActivityReport>> BuildAsync(string username, ReportPeriod period, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var normalized = Username.Normalize(username);
        await using var unit = await store.OpenAsync(cancellationToken);
        var user = Username.IsValid(normalized) ? await unit.Users.FindByUsernameAsync(normalized, cancellationToken) : null;
        return user is null
            ? UserErrors.NotFound()
            : await BuildAsync(unit, user, ReportPeriods.Ending(period, end), cancellationToken);
    }

    /// <summary>The report for <paramref name="window"/>, read within <paramref name="unit"/>.</summary>
    public async Task<ActivityReport> BuildAsync(IGateUnit unit, User user, ReportWindow window, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (start, end) = (window.Start, window.End);
        var audit = await unit.Audit.ListForUserAsync(user.Id, start, end, SignInTypes, cancellationToken);
        var events = await unit.Notifications.ListBetweenAsync(user.Id, start, end, cancellationToken);
        var devices = await unit.Devices.ListForUserAsync(user.Id, cancellationToken);
        var sessions = await unit.Sessions.ListActiveAsync(user.Id, now, cancellationToken);
        var names = devices.ToDictionary(d => d.Id, d => d.Name);

        return new ActivityReport(
            user.Id,
            user.Username,
            window.Period,
            start,
            end,
            now,
            SignIns(audit, names),
            new ReportDevices(
                devices.Where(d => d.FirstSeenAt >= start && d.FirstSeenAt < end).OrderBy(d => d.FirstSeenAt)
                    .Select(d => new ReportDevice(d.Id, d.Name, Kind(d.Kind), d.FirstSeenAt, FirstIp(d, events))).ToList(),
                devices.Where(d => d.RevokedAt is { } at && at >= start && at < end).OrderBy(d => d.RevokedAt)
                    .Select(d => new ReportDevice(d.Id, d.Name, Kind(d.Kind), d.RevokedAt!.Value, null)).ToList()),
            Events(events, e => SecurityPrefixes.Any(p => e.Type.StartsWith(p, StringComparison.Ordinal))),
            Events(events, e => string.Equals(e.Type, NotificationTypes.TradeExecuted, StringComparison.Ordinal)),
            Events(events, e => e.Type.StartsWith("apikey.", StringComparison.Ordinal)),
            new ReportCurrentState(now, sessions.Count, devices.Count(d => d.IsActive)));
    }

    /// <summary>The user's report frequency and the end of the last period emailed.</summary>
    public async Task<Result<User>> GetUserAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        var user = await unit.Users.FindAsync(userId, cancellationToken);
        return user is null ? UserErrors.NotFound() : user;
    }

    /// <summary>Sets how often the user receives the report by email; audited when it changes.</summary>
    public async Task<Result<User>> SetFrequencyAsync(Guid userId, ReportFrequency frequency, string? ip, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        var user = await unit.Users.FindAsync(userId, cancellationToken);
        if (user is null)
        {
            return UserErrors.NotFound();
        }

        if (user.ReportFrequency == frequency)
        {
            return user;
        }

        var previous = user.ReportFrequency;
        user.ReportFrequency = frequency;
        var actor = Actors.User(user.Id);
        unit.Audit.Append(new AuditRecord(AuditEventTypes.ReportFrequencyChanged, "ok", actor, actor, ip,
            new Dictionary<string, object?>
            {
                ["from"] = ReportPeriods.WireName(previous),
                ["to"] = ReportPeriods.WireName(frequency),
            }));
        await unit.CommitAsync(cancellationToken);
        return user;
    }

    private static ReportSignIns SignIns(IReadOnlyList<AuditEvent> audit, Dictionary<Guid, string> deviceNames)
    {
        var successes = new List<ReportSignIn>();
        var failures = new List<AuditEvent>();
        foreach (var e in audit)
        {
            if (string.Equals(e.Type, AuditEventTypes.SignInFailed, StringComparison.Ordinal))
            {
                failures.Add(e);
                continue;
            }

            using var data = JsonDocument.Parse(e.Data);
            var root = data.RootElement;
            var deviceId = Guid(root, "device_id");
            successes.Add(new ReportSignIn(
                e.At,
                e.Ip,
                deviceId,
                deviceId is { } id && deviceNames.TryGetValue(id, out var name) ? name : null,
                String(root, "method") ?? "unknown",
                String(root, "assurance"),
                root.TryGetProperty("new_device", out var isNew) && isNew.ValueKind == JsonValueKind.True));
        }

        var byIp = failures
            .GroupBy(f => f.Ip ?? "unknown", StringComparer.Ordinal)
            .Select(g => new ReportFailedSource(g.Key, g.Count(), g.Max(f => f.At)))
            .OrderByDescending(s => s.Count).ThenBy(s => s.Ip, StringComparer.Ordinal)
            .ToList();
        return new ReportSignIns(successes.Count, failures.Count, successes, byIp);
    }

    private static List<ReportEvent> Events(IReadOnlyList<NotificationEvent> events, Func<NotificationEvent, bool> wanted) =>
        events.Where(wanted)
            .Select(e => new ReportEvent(e.CreatedAt, e.Type, NotificationCatalog.Describe(e.Type).Title, e.Summary))
            .ToList();

    /// <summary>The address of the new-device event that announced <paramref name="device"/>, when there was one.</summary>
    private static string? FirstIp(Device device, IReadOnlyList<NotificationEvent> events)
    {
        foreach (var e in events)
        {
            if (!string.Equals(e.Type, NotificationTypes.NewDevice, StringComparison.Ordinal))
            {
                continue;
            }

            using var data = JsonDocument.Parse(e.Data);
            if (Guid(data.RootElement, "device_id") == device.Id)
            {
                return String(data.RootElement, "ip");
            }
        }

        return null;
    }

    private static string Kind(DeviceKind kind) => kind switch
    {
        DeviceKind.SecurityKey => "security_key",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string? String(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static Guid? Guid(JsonElement root, string name) =>
        String(root, name) is { } text && System.Guid.TryParse(text, out var id) ? id : null;
}
