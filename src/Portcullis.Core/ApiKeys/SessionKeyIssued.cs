namespace Portcullis.Core.ApiKeys;

/// <summary>A new session key, its API key, and its secret (base64url), shown this once and never again.</summary>
public sealed record SessionKeyIssued(ApiSessionKey SessionKey, ApiKey ApiKey, string Secret);
