namespace Portcullis.Server.Api.Contracts;

/// <summary>
/// A new session key (docs/api-keys.md, "Session keys"): sign requests <c>hmac-sha256</c> with <paramref name="Secret"/>
/// (base64url of 32 bytes, shown this once) as <paramref name="KeyId"/>, from <paramref name="BoundIp"/>, until
/// <paramref name="ExpiresAt"/>. <paramref name="ExpiresIn"/> is the same in seconds from the answer, for a client whose
/// clock is off.
/// </summary>
public sealed record SessionKeyView(
    string KeyId,
    string Algorithm,
    string Secret,
    DateTimeOffset ExpiresAt,
    long ExpiresIn,
    Guid ApiKeyId,
    string BoundIp);
