using Portcullis.Core.ApiKeys;
using Portcullis.Core.Users;

namespace Portcullis.Server.Auth.ApiKeys;

/// <summary>A request authenticated by an API key's signature (RFC 9421): the key (as loaded for this request) and its owner.</summary>
public sealed record ApiKeyRequest(ApiKey Key, User User)
{
    /// <summary>The request's row in the key's usage log (<see cref="ApiKeyUsage"/>): a later refusal changes its code.</summary>
    public long? UsageId { get; init; }
}
