using Portcullis.Core.Persistence;
using Portcullis.Core.Results;

namespace Portcullis.Core.Holds;

/// <summary>
/// Runs one kind of held operation once it is approved, inside the unit of work that records the approval, so the
/// operation and its approval are written together or not at all. Register one per operation in DI; an operation
/// without an executor cannot be held (the policy's hold is then refused as <c>policy.approval_unavailable</c>).
/// </summary>
/// <remarks>
/// A failure must stage nothing in the unit (validate first, then change): the unit is still committed, to record the
/// approval and the failure. Do not commit the unit; the caller does.
/// </remarks>
public interface IHeldOperationExecutor
{
    /// <summary>The operation's catalogue name, e.g. <c>notification_contact.add</c>.</summary>
    string Operation { get; }

    /// <summary>Performs the operation described by <see cref="HeldOperation.PayloadJson"/>; returns its result as JSON.</summary>
    Task<Result<string>> ExecuteAsync(IGateUnit unit, HeldOperation operation, CancellationToken cancellationToken);
}
