using Portcullis.Core.ApiKeys;
using Portcullis.Core.Users;

namespace Portcullis.Server.Auth.ApiKeys;

/// <summary>
/// A request authenticated by an API key's signature (RFC 9421): the key (as loaded for this request) and its owner, and when
/// a session key of the key signed it, that session key's <c>sk_…</c> id (for the audit); it runs with the key's scopes all the same.
/// </summary>
public sealed record ApiKeyRequest(ApiKey Key, User User, string? SessionKeyId = null)
{
    /// <summary>The request's row in the key's usage log (<see cref="ApiKeyUsage"/>): a later refusal changes its code.</summary>
    public long? UsageId { get; init; }
}
