using Portcullis.Core.Policy;

namespace Portcullis.Server.Policy;

/// <summary>
/// Endpoint metadata naming the operation an endpoint performs (<see cref="Operations"/>) and how to read the
/// operation's attributes from the request's bound arguments.
/// </summary>
/// <param name="Operation">The operation's catalogue name.</param>
/// <param name="Describe">Adds attributes (amount, capability, factor kind, ...) to the base request; <c>null</c> for none.</param>
public sealed record OperationMetadata(string Operation, Func<EndpointFilterInvocationContext, OperationRequest, OperationRequest>? Describe = null);
