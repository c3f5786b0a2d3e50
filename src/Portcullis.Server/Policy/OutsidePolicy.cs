namespace Portcullis.Server.Policy;

/// <summary>
/// Endpoint metadata for an endpoint that performs no account operation the policy decides (signing in, the
/// authenticator device's signed protocol, health), with the reason. The endpoint walk test accepts it instead of
/// an <see cref="OperationMetadata"/>.
/// </summary>
public sealed record OutsidePolicy(string Reason);
