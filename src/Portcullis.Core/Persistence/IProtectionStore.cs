using Portcullis.Core.Protection;

namespace Portcullis.Core.Persistence;

/// <summary>Freezes, the settings lock, cool-downs and trusted networks.</summary>
public interface IProtectionStore
{
    void AddFreeze(Freeze freeze);

    Task<Freeze?> FindFreezeAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A user's freezes, newest first: those not lifted, then those lifted since <paramref name="liftedSince"/>.</summary>
    Task<IReadOnlyList<Freeze>> ListFreezesAsync(Guid userId, DateTimeOffset liftedSince, CancellationToken cancellationToken);

    void AddSettingsLock(SettingsLock settingsLock);

    Task<SettingsLock?> FindSettingsLockAsync(Guid userId, CancellationToken cancellationToken);

    void AddCooldown(Cooldown cooldown);

    /// <summary>The user's cool-downs started at or after <paramref name="since"/>, newest first.</summary>
    Task<IReadOnlyList<Cooldown>> ListCooldownsAsync(Guid userId, DateTimeOffset since, CancellationToken cancellationToken);

    void AddNetwork(TrustedNetwork network);

    void RemoveNetwork(TrustedNetwork network);

    /// <summary>A user's trusted networks, oldest first.</summary>
    Task<IReadOnlyList<TrustedNetwork>> ListNetworksAsync(Guid userId, CancellationToken cancellationToken);
}
