using Portcullis.Core.Devices;

namespace Portcullis.Core.Persistence;

public interface IDeviceStore
{
    void Add(Device device);

    Task<Device?> FindAsync(Guid id, CancellationToken cancellationToken);

    Task<Device?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken cancellationToken);

    Task<IReadOnlyList<Device>> ListForUserAsync(Guid userId, CancellationToken cancellationToken);
}
