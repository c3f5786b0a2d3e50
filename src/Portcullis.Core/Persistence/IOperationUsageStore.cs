using Portcullis.Core.Policy;

namespace Portcullis.Core.Persistence;

/// <summary>Uses of capped operations, summed over the caps' windows (see <see cref="OperationUsage"/>).</summary>
public interface IOperationUsageStore
{
    void Add(OperationUsage usage);

    /// <summary>The user's uses at or after <paramref name="since"/>.</summary>
    Task<IReadOnlyList<OperationUsage>> ListSinceAsync(Guid userId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Removes a reservation whose request did not succeed (at once, not at commit). False when it is gone already.</summary>
    Task<bool> RemoveAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Removes every use older than <paramref name="before"/> (at once); returns how many.</summary>
    Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
