using Portcullis.Core.Protection;

namespace Portcullis.Core.Persistence;

/// <summary>Freezes, the settings lock, cool-downs and trusted networks.</summary>
public interface IProtectionStore
{
    void AddFreeze(Freeze freeze);

    Task<Freeze?> FindFreezeAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A user's freezes, newest first: those not lifted, then those lifted since <paramref name="liftedSince"/>.</summary>
    Task<IReadOnlyList<Freeze>> ListFreezesAsync(Guid userId, DateTimeOffset liftedSince, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> freezes whose requested lift took effect at or before <paramref name="now"/> but is not recorded yet.</summary>
    Task<IReadOnlyList<Freeze>> ListDueLiftsAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Records a requested lift as done (<see cref="Freeze.LiftedAt"/> = its effective time), at once and only if no one
    /// recorded a lift first; false otherwise. Call inside a transaction.
    /// </summary>
    Task<bool> TryCompleteLiftAsync(Guid id, string by, CancellationToken cancellationToken);

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
