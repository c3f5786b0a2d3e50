using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Devices;
using Portcullis.Core.Persistence;

namespace Portcullis.Storage.Stores;

internal sealed class EfDeviceStore(GateDbContext db) : IDeviceStore
{
    public void Add(Device device) => db.Devices.Add(device);

    // DbSet.FindAsync answers from the unit's tracked entities without a query when it can.
    public async Task<Device?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Devices.FindAsync([id], cancellationToken);

    public Task<Device?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken cancellationToken) =>
        db.Devices.FirstOrDefaultAsync(d => d.TokenHash == tokenHash, cancellationToken);

    public async Task<IReadOnlyList<Device>> ListForUserAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Devices.Where(d => d.UserId == userId).OrderByDescending(d => d.LastSeenAt).ToListAsync(cancellationToken);
}
