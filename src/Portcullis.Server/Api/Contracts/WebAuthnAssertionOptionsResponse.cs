using System.Text.Json;

namespace Portcullis.Server.Api.Contracts;

/// <summary>
/// Options for <c>navigator.credentials.get({ publicKey: options })</c>: the standard
/// <c>PublicKeyCredentialRequestOptions</c> JSON (camelCase, base64url), usable once, before <see cref="ExpiresAt"/>.
/// </summary>
public sealed record WebAuthnAssertionOptionsResponse(JsonElement Options, DateTimeOffset ExpiresAt);
