namespace Portcullis.Server.Auth.ApiKeys;

/// <summary>
/// Marks an endpoint whose handler serves a request signed with an API key (it does not need a session). A signed request to
/// an endpoint without it is refused as <c>apikey.operation_not_allowed</c> after its signature, allowlist and permission
/// are checked.
/// </summary>
public sealed class AllowApiKey;
