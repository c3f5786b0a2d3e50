using Portcullis.Core.Policy;

namespace Portcullis.Server.Policy;

public static class OperationEndpointExtensions
{
    /// <summary>
    /// Names the operation this endpoint performs. Every endpoint that touches an account or its security has one; a
    /// test walks all mapped endpoints. Behind the session filter, the policy engine decides each request.
    /// </summary>
    public static TBuilder RequireOperation<TBuilder>(this TBuilder builder, string operation,
        Func<EndpointFilterInvocationContext, OperationRequest, OperationRequest>? describe = null)
        where TBuilder : IEndpointConventionBuilder
    {
        if (Operations.Find(operation) is null)
        {
            throw new ArgumentException($"'{operation}' is not in the operations catalogue.", nameof(operation));
        }

        builder.WithMetadata(new OperationMetadata(operation, describe));
        return builder;
    }

    /// <summary>
    /// Names the operation this endpoint performs, with attributes that <paramref name="describeAsync"/> looks up (it runs
    /// after the session filter, before the policy decides).
    /// </summary>
    public static TBuilder RequireOperation<TBuilder>(this TBuilder builder, string operation,
        Func<EndpointFilterInvocationContext, OperationRequest, ValueTask<OperationRequest>> describeAsync)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(describeAsync);
        if (Operations.Find(operation) is null)
        {
            throw new ArgumentException($"'{operation}' is not in the operations catalogue.", nameof(operation));
        }

        builder.WithMetadata(new OperationMetadata(operation, DescribeAsync: describeAsync));
        return builder;
    }

    /// <summary>
    /// Names the operation this endpoint performs and makes it holdable: when the policy holds a request, <paramref name="hold"/>
    /// turns its bound arguments into the stored payload and summary, and the request is answered 202 with a held operation
    /// to poll (docs/holds.md). The operation also needs an executor (<c>IHeldOperationExecutor</c>).
    /// </summary>
    public static TBuilder RequireHoldableOperation<TBuilder>(this TBuilder builder, string operation, Func<EndpointFilterInvocationContext, HoldPayload> hold,
        Func<EndpointFilterInvocationContext, OperationRequest, OperationRequest>? describe = null)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(hold);
        if (Operations.Find(operation) is null)
        {
            throw new ArgumentException($"'{operation}' is not in the operations catalogue.", nameof(operation));
        }

        builder.WithMetadata(new OperationMetadata(operation, describe, hold),
            new ProducesResponseTypeMetadata(StatusCodes.Status202Accepted, typeof(Api.Holds.HeldOperationView), ["application/json"]));
        return builder;
    }

    /// <summary>
    /// As <see cref="RequireHoldableOperation{TBuilder}(TBuilder, string, Func{EndpointFilterInvocationContext, HoldPayload}, Func{EndpointFilterInvocationContext, OperationRequest, OperationRequest}?)"/>,
    /// for an operation whose attributes must be looked up (e.g. an order's notional).
    /// </summary>
    public static TBuilder RequireHoldableOperation<TBuilder>(this TBuilder builder, string operation, Func<EndpointFilterInvocationContext, HoldPayload> hold,
        Func<EndpointFilterInvocationContext, OperationRequest, ValueTask<OperationRequest>> describeAsync)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(hold);
        ArgumentNullException.ThrowIfNull(describeAsync);
        if (Operations.Find(operation) is null)
        {
            throw new ArgumentException($"'{operation}' is not in the operations catalogue.", nameof(operation));
        }

        builder.WithMetadata(new OperationMetadata(operation, Hold: hold, DescribeAsync: describeAsync),
            new ProducesResponseTypeMetadata(StatusCodes.Status202Accepted, typeof(Api.Holds.HeldOperationView), ["application/json"]));
        return builder;
    }

    /// <summary>Marks an endpoint that performs no account operation (sign-in steps, a device's signed protocol), saying why.</summary>
    public static TBuilder OutsidePolicy<TBuilder>(this TBuilder builder, string reason)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new OutsidePolicy(reason));
        return builder;
    }
}
