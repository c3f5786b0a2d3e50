using Portcullis.Core.ApiKeys;
using Portcullis.Core.Users;

namespace Portcullis.Server.Auth.ApiKeys;

/// <summary>A request authenticated by an API key's signature (RFC 9421): the key (as loaded for this request) and its owner.</summary>
public sealed record ApiKeyRequest(ApiKey Key, User User);
