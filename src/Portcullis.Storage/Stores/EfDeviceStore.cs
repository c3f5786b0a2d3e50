using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Portcullis.Core.Devices;
using Portcullis.Core.Persistence;

namespace Portcullis.Storage.Stores;

/// <summary>
/// Devices. A touch (every sign-in on a known device makes one) is written by the unit's commit as one hand-written
/// <c>UPDATE</c> (<see cref="RawSql"/>) of the two columns it changes; EF Core is told that those two are saved, so it
/// writes only what else the caller changed.
/// </summary>
internal sealed class EfDeviceStore(GateDbContext db) : IDeviceStore
{
    private readonly Dictionary<Guid, Device> _touched = [];

    internal bool HasTouched => _touched.Count > 0;

    public void Add(Device device) => db.Devices.Add(device);

    // DbSet.FindAsync answers from the unit's tracked entities without a query when it can.
    public async Task<Device?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Devices.FindAsync([id], cancellationToken);

    public Task<Device?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken cancellationToken) =>
        CompiledQueries.For(db).DeviceByTokenHash(db, tokenHash, cancellationToken);

    public async Task<IReadOnlyList<Device>> ListForUserAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Devices.Where(d => d.UserId == userId).OrderByDescending(d => d.LastSeenAt).ToListAsync(cancellationToken);

    public void Touch(Device device, DateTimeOffset now, string? ip)
    {
        ArgumentNullException.ThrowIfNull(device);
        device.LastSeenAt = now;
        device.LastIp = ip;
        var entry = db.Entry(device);
        if (entry.State == EntityState.Added)
        {
            return; // inserted by this commit with these values
        }

        if (entry.State != EntityState.Detached)
        {
            // The UPDATE below saves these; as far as EF Core's change tracking is concerned they are unchanged. Entry()
            // has already compared them with the values read and marked them modified: the new originals alone would
            // leave that mark, and SaveChanges would write them a second time.
            Unmodified(entry.Property(d => d.LastSeenAt), now);
            Unmodified(entry.Property(d => d.LastIp), ip);
        }

        _touched[device.Id] = device;
    }

    private static void Unmodified<T>(PropertyEntry<Device, T> property, T value)
    {
        property.OriginalValue = value;
        property.IsModified = false;
    }

    /// <summary>Writes the touched devices' last use; called by the unit's commit, inside its transaction.</summary>
    internal async Task SaveTouchedAsync(CancellationToken cancellationToken)
    {
        foreach (var device in _touched.Values)
        {
            await using var command = RawSql.Command(db, "UPDATE devices SET last_seen_at = @seen, last_ip = @ip WHERE id = @id")
                .With("ip", device.LastIp);
            db.AddTime(command, "seen", device.LastSeenAt);
            db.AddGuid(command, "id", device.Id);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        _touched.Clear();
    }
}
