using Portcullis.Core.Audit;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;
using Portcullis.Core.Sessions;
using Portcullis.Core.Users;

namespace Portcullis.Core.Devices;

/// <summary>Registers the client a sign-in came from, or records that a known one was seen again.</summary>
public static class DeviceRegistry
{
    /// <summary>
    /// Within <paramref name="unit"/>: touches <paramref name="known"/> (re-read so it is tracked), or registers a new
    /// device with a fresh recognition token, audits it and tells the user.
    /// </summary>
    public static async Task<(Device Device, string? NewToken)> RegisterOrTouchAsync(IGateUnit unit, User user, Guid? known,
        SessionClient client, string? deviceName, string? userAgent, string? ip, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (known is { } id && await unit.Devices.FindAsync(id, cancellationToken) is { IsActive: true } existing)
        {
            var network = NetworkPrefix.Of(ip);
            if (network is not null && network != NetworkPrefix.Of(existing.LastIp)
                && !(await unit.Devices.ListForUserAsync(user.Id, cancellationToken)).Any(d => NetworkPrefix.Of(d.LastIp) == network))
            {
                // A known device, but from a network none of the user's devices was last seen on.
                Notify.Emit(unit, user.Id, NotificationTypes.NewNetwork, NotificationSeverity.Warning,
                    $"Sign-in on {existing.Name} from a new network ({ip}).",
                    new Dictionary<string, object?> { ["device_id"] = existing.Id, ["device_name"] = existing.Name, ["ip"] = ip, ["network"] = network }, now);
            }

            unit.Devices.Touch(existing, now, ip);
            return (existing, null);
        }

        var token = SessionToken.NewDeviceToken();
        var device = new Device
        {
            Id = Guid.CreateVersion7(now),
            UserId = user.Id,
            Name = DeviceNames.From(deviceName, userAgent, client),
            Kind = client == SessionClient.Browser ? DeviceKind.Browser : DeviceKind.Native,
            TokenHash = SessionToken.Hash(token),
            FirstSeenAt = now,
            LastSeenAt = now,
            LastIp = ip,
            Platform = DeviceNames.From(null, userAgent, client),
        };
        unit.Devices.Add(device);
        var actor = Actors.User(user.Id);
        unit.Audit.Append(new AuditRecord(AuditEventTypes.DeviceRegistered, "ok", actor, Actors.Device(device.Id), ip,
            new Dictionary<string, object?> { ["name"] = device.Name, ["kind"] = device.Kind.ToString().ToLowerInvariant() }));
        Notify.Emit(unit, user.Id, NotificationTypes.NewDevice, NotificationSeverity.Critical,
            $"New sign-in from a new device: {device.Name}{(ip is null ? string.Empty : $" ({ip})")}.",
            new Dictionary<string, object?> { ["device_id"] = device.Id, ["device_name"] = device.Name, ["ip"] = ip }, now);
        return (device, token);
    }
}
