using Portcullis.Core.Factors;

namespace Portcullis.Core.Persistence;

public interface IFactorStore
{
    void Add(Factor factor);

    Task<Factor?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A user's factors that are not removed (pending and active), oldest first.</summary>
    Task<IReadOnlyList<Factor>> ListForUserAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Active or pending factors bound to a device.</summary>
    Task<IReadOnlyList<Factor>> ListForDeviceAsync(Guid deviceId, CancellationToken cancellationToken);

    Task<Factor?> FindByCredentialIdAsync(byte[] credentialId, CancellationToken cancellationToken);

    /// <summary>
    /// Records that a one-time-password time step was used by the user, unless that step or a later one
    /// already was. Atomic across nodes; runs at once, inside the unit's transaction if begun.
    /// </summary>
    Task<bool> TryUseOtpStepAsync(Guid userId, long step, CancellationToken cancellationToken);
}
