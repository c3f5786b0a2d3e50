namespace Portcullis.Core.ApiKeys;

/// <summary>A new key, and for an HMAC key its secret (base64url), shown this once and never again.</summary>
public sealed record ApiKeyCreated(ApiKey Key, string? Secret);
