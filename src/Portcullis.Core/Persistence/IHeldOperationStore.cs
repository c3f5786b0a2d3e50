using Portcullis.Core.Holds;

namespace Portcullis.Core.Persistence;

/// <summary>Operations held for approval.</summary>
public interface IHeldOperationStore
{
    void Add(HeldOperation operation);

    Task<HeldOperation?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The user's operations still marked pending (including those whose expiry has passed), oldest first.</summary>
    Task<IReadOnlyList<HeldOperation>> ListPendingForUserAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Users with pending operations whose expiry is at or before <paramref name="now"/> (at most 100 per call).</summary>
    Task<IReadOnlyList<Guid>> ListUsersWithOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a pending operation to <paramref name="status"/> in the database at once, only if it is still pending there:
    /// of two nodes or two answers deciding the same operation, exactly one gets <c>true</c>. Needs the unit's
    /// transaction (<see cref="IGateUnit.BeginAsync"/>); the change is durable when the unit commits. The tracked entity
    /// is not changed: the caller sets its fields after a <c>true</c>.
    /// </summary>
    Task<bool> TryDecideAsync(Guid id, HeldOperationStatus status, DateTimeOffset at, CancellationToken cancellationToken);
}
