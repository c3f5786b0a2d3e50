using Portcullis.Core.Policy;

namespace Portcullis.Server.Policy;

/// <summary>
/// Endpoint metadata naming the operation an endpoint performs (<see cref="Operations"/>) and how to read the
/// operation's attributes from the request's bound arguments.
/// </summary>
/// <param name="Operation">The operation's catalogue name.</param>
/// <param name="Describe">Adds attributes (amount, capability, factor kind, ...) to the base request; <c>null</c> for none.</param>
/// <param name="DescribeAsync">
/// As <paramref name="Describe"/>, for attributes that must be looked up (e.g. the capabilities of the freeze being lifted);
/// runs after it.
/// </param>
/// <param name="Hold">
/// Builds the arguments and summary a held request is stored with (docs/holds.md); <c>null</c>: the endpoint cannot be
/// held, and a hold decision is refused as <c>policy.approval_unavailable</c>.
/// </param>
public sealed record OperationMetadata(string Operation, Func<EndpointFilterInvocationContext, OperationRequest, OperationRequest>? Describe = null,
    Func<EndpointFilterInvocationContext, HoldPayload>? Hold = null,
    Func<EndpointFilterInvocationContext, OperationRequest, ValueTask<OperationRequest>>? DescribeAsync = null);
