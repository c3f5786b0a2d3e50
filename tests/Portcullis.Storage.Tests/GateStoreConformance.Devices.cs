using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portcullis.Core.Devices;
using Portcullis.Testing;

namespace Portcullis.Storage.Tests;

public abstract partial class GateStoreConformance
{
    [SkippableFact]
    public async Task FindDeviceByTokenHash_WithEqualBytes_FindsDeviceWithEveryField()
    {
        var alice = NewUser("alice");
        var device = NewDevice(alice);
        device.RevokedAt = Start.AddDays(1);
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.Devices.Add(device);
        });

        var found = await ReadAsync(u => u.Devices.FindByTokenHashAsync([.. device.TokenHash!], Ct));

        Assert.NotNull(found);
        Assert.Equal(
            (device.Id, device.UserId, device.Name, DeviceKind.Browser, Convert.ToHexString(device.TokenHash!), device.FirstSeenAt, device.LastSeenAt, device.LastIp, device.RevokedAt),
            (found.Id, found.UserId, found.Name, found.Kind, Convert.ToHexString(found.TokenHash!), found.FirstSeenAt, found.LastSeenAt, found.LastIp, found.RevokedAt));
    }

    [SkippableFact]
    public async Task TouchedDevice_IsSaved_WithWhateverElseChangedInTheUnit()
    {
        var device = await StoredDeviceAsync();

        await using (var unit = await Store.OpenAsync(Ct))
        {
            var found = await unit.Devices.FindAsync(device.Id, Ct);
            unit.Devices.Touch(found!, Start.AddHours(2).AddTicks(10), "2001:db8::7");
            found!.Trust = DeviceTrust.Trusted;
            await unit.CommitAsync(Ct);
        }

        var reread = await ReadAsync(u => u.Devices.FindAsync(device.Id, Ct));
        Assert.Equal((Start.AddHours(2).AddTicks(10), "2001:db8::7", DeviceTrust.Trusted, device.Name),
            (reread?.LastSeenAt, reread?.LastIp, reread?.Trust, reread?.Name));
    }

    [SkippableFact]
    public async Task TouchedDevice_AloneInItsUnit_IsSaved()
    {
        var device = await StoredDeviceAsync();

        await using (var unit = await Store.OpenAsync(Ct))
        {
            unit.Devices.Touch((await unit.Devices.FindByTokenHashAsync(device.TokenHash!, Ct))!, Start.AddHours(1), null);
            await unit.CommitAsync(Ct);
        }

        var reread = await ReadAsync(u => u.Devices.FindAsync(device.Id, Ct));
        Assert.Equal((Start.AddHours(1), (string?)null), (reread?.LastSeenAt, reread?.LastIp));
    }

    [SkippableFact]
    public async Task TouchedDevice_IsWrittenOnce_NotAgainByEfCore()
    {
        var device = await StoredDeviceAsync();
        var logs = new CapturedLogs();
        var store = BuildSecondStore(services => services.AddLogging(logging => logging
            .AddProvider(logs).SetMinimumLevel(LogLevel.Information)));

        await using (var unit = await store.OpenAsync(Ct))
        {
            var found = await unit.Devices.FindByTokenHashAsync(device.TokenHash!, Ct);
            var before = logs.Lines.Count;
            unit.Devices.Touch(found!, Start.AddHours(3), "198.51.100.7");
            await unit.CommitAsync(Ct);

            // The commit's own UPDATE is hand-written and not logged by EF Core: any statement EF Core ran here is a second write.
            Assert.DoesNotContain(logs.Lines.Skip(before), line => line.Contains("Executed DbCommand", StringComparison.Ordinal));
            Assert.Contains(logs.Lines.Take(before), line => line.Contains("Executed DbCommand", StringComparison.Ordinal));
        }

        var reread = await ReadAsync(u => u.Devices.FindAsync(device.Id, Ct));
        Assert.Equal((Start.AddHours(3), "198.51.100.7"), (reread?.LastSeenAt, reread?.LastIp));
    }

    [SkippableFact]
    public async Task FindDeviceByTokenHash_WithUnknownHash_ReturnsNull()
    {
        var alice = NewUser("alice");
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.Devices.Add(NewDevice(alice));
        });

        Assert.Null(await ReadAsync(u => u.Devices.FindByTokenHashAsync(RandomHash(), Ct)));
    }

    [SkippableFact]
    public async Task DuplicateDeviceTokenHash_IsRefused()
    {
        var alice = NewUser("alice");
        var hash = RandomHash();
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.Devices.Add(NewDevice(alice, hash));
        });

        await using var unit = await Store.OpenAsync(Ct);
        unit.Devices.Add(NewDevice(alice, [.. hash]));
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => unit.CommitAsync(Ct));
    }

    [SkippableFact]
    public async Task ListDevicesForUser_ReturnsOwnDevices_LastSeenFirst()
    {
        var alice = NewUser("alice");
        var bob = NewUser("bob");
        var older = NewDevice(alice, lastSeenAt: Start.AddHours(1));
        var newer = NewDevice(alice, lastSeenAt: Start.AddHours(2));
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.Users.Add(bob);
            u.Devices.Add(older);
            u.Devices.Add(NewDevice(bob, lastSeenAt: Start.AddHours(3)));
            u.Devices.Add(newer);
        });

        var listed = await ReadAsync(u => u.Devices.ListForUserAsync(alice.Id, Ct));

        Assert.Equal([newer.Id, older.Id], listed.Select(d => d.Id));
    }

    /// <summary>alice and one device of hers, committed.</summary>
    private async Task<Device> StoredDeviceAsync()
    {
        var alice = NewUser("alice");
        var device = NewDevice(alice);
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.Devices.Add(device);
        });
        return device;
    }
}
