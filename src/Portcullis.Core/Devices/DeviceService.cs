using Portcullis.Core.Audit;
using Portcullis.Core.Factors;
using Portcullis.Core.Factors.Push;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;
using Portcullis.Core.Results;
using Portcullis.Core.Sessions;

namespace Portcullis.Core.Devices;

/// <summary>
/// The device registry as its owner sees it: list, rename, revoke. Revoking a device cuts it off at once,
/// in one transaction: its sessions end, its pending push challenges are cancelled, and the factors that
/// live on it (a push authenticator's key, a security key's credential) are removed.
/// </summary>
public sealed class DeviceService(IGateStore store, TimeProvider time)
{
    public async Task<IReadOnlyList<DeviceSummary>> ListAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var unit = await store.OpenAsync(cancellationToken);
        var devices = await unit.Devices.ListForUserAsync(userId, cancellationToken);
        var sessions = await unit.Sessions.ListActiveAsync(userId, now, cancellationToken);
        var factors = await unit.Factors.ListForUserAsync(userId, cancellationToken);
        return devices
            .Select(d => new DeviceSummary(d, sessions.Count(s => s.DeviceId == d.Id), factors.Where(f => f.DeviceId == d.Id).ToList()))
            .ToList();
    }

    public async Task<Result<Device>> RenameAsync(SessionContext current, Guid deviceId, string? name, string? ip, CancellationToken cancellationToken)
    {
        var clean = FactorService.Clean(name);
        if (clean is null)
        {
            return new Error("request.invalid", "A device name has 1–64 characters.") { Fields = new Dictionary<string, string[]> { ["name"] = ["1–64 characters."] } };
        }

        await using var unit = await store.OpenAsync(cancellationToken);
        var device = await unit.Devices.FindAsync(deviceId, cancellationToken);
        if (device is null || device.UserId != current.User.Id)
        {
            return DeviceErrors.NotFound();
        }

        device.Name = clean;
        unit.Audit.Append(new AuditRecord(AuditEventTypes.DeviceRenamed, "ok", Actors.User(current.User.Id), Actors.Device(device.Id), ip,
            new Dictionary<string, object?> { ["name"] = clean }));
        await unit.CommitAsync(cancellationToken);
        return device;
    }

    /// <summary>Revokes one of the user's devices (see the class summary for what that cuts off).</summary>
    public async Task<Result<DeviceRevocation>> RevokeAsync(SessionContext current, Guid deviceId, string? ip, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        var device = await unit.Devices.FindAsync(deviceId, cancellationToken);
        if (device is null || device.UserId != current.User.Id)
        {
            return DeviceErrors.NotFound();
        }

        if (!device.IsActive)
        {
            return new DeviceRevocation(device, 0, 0, 0);
        }

        var revocation = await RevokeAsync(unit, device, Actors.User(current.User.Id), ip, "revoked_by_user", cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return revocation;
    }

    /// <summary>Revokes <paramref name="device"/> within <paramref name="unit"/>.</summary>
    public async Task<DeviceRevocation> RevokeAsync(IGateUnit unit, Device device, string actor, string? ip, string reason,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        device.RevokedAt = now;
        var sessions = 0;
        foreach (var session in await unit.Sessions.ListUnrevokedForDeviceAsync(device.Id, cancellationToken))
        {
            if (session.Revoke(now, "device_revoked"))
            {
                sessions++;
                unit.Audit.Append(new AuditRecord(AuditEventTypes.SessionRevoked, "device_revoked", actor, Actors.Session(session.Id), ip,
                    new Dictionary<string, object?> { ["user_id"] = session.UserId, ["device_id"] = device.Id }));
            }
        }

        var challenges = 0;
        foreach (var challenge in await unit.PushChallenges.ListPendingForDeviceAsync(device.Id, now, cancellationToken))
        {
            challenge.Status = PushChallengeStatus.Cancelled;
            challenge.AnsweredAt = now;
            challenges++;
        }

        var factors = 0;
        foreach (var factor in await unit.Factors.ListForDeviceAsync(device.Id, cancellationToken))
        {
            FactorService.Remove(unit, factor, actor, ip, "device_revoked", now);
            factors++;
        }

        unit.Audit.Append(new AuditRecord(AuditEventTypes.DeviceRevoked, reason, actor, Actors.Device(device.Id), ip,
            new Dictionary<string, object?>
            {
                ["name"] = device.Name,
                ["kind"] = device.Kind.ToString().ToLowerInvariant(),
                ["sessions_revoked"] = sessions,
                ["challenges_cancelled"] = challenges,
                ["factors_removed"] = factors,
            }));
        Notify.Emit(unit, device.UserId, NotificationTypes.DeviceRevoked, NotificationSeverity.Critical,
            $"A device was revoked from your account: {device.Name}.",
            new Dictionary<string, object?> { ["device_id"] = device.Id, ["reason"] = reason }, now);
        return new DeviceRevocation(device, sessions, challenges, factors);
    }
}
