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

    /// <summary>Marks an endpoint that performs no account operation (sign-in steps, a device's signed protocol), saying why.</summary>
    public static TBuilder OutsidePolicy<TBuilder>(this TBuilder builder, string reason)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new OutsidePolicy(reason));
        return builder;
    }
}
