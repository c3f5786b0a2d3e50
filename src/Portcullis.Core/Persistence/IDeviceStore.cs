using Portcullis.Core.Devices;

namespace Portcullis.Core.Persistence;

public interface IDeviceStore
{
    void Add(Device device);

    Task<Device?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Records that a device in the store was just used from <paramref name="ip"/>: sets <see cref="Device.LastSeenAt"/> and
    /// <see cref="Device.LastIp"/>, saved by the unit's commit.
    /// </summary>
    void Touch(Device device, DateTimeOffset now, string? ip);

    Task<Device?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken cancellationToken);

    Task<IReadOnlyList<Device>> ListForUserAsync(Guid userId, CancellationToken cancellationToken);
}
