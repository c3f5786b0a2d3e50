using System.Text.Json;

namespace Portcullis.Server.Api.Contracts;

/// <summary>
/// Options for <c>navigator.credentials.create({ publicKey: options })</c>: the standard
/// <c>PublicKeyCredentialCreationOptions</c> JSON (camelCase, base64url), to be answered under
/// <see cref="ChallengeId"/> before <see cref="ExpiresAt"/>.
/// </summary>
public sealed record WebAuthnRegistrationOptionsResponse(Guid ChallengeId, JsonElement Options, DateTimeOffset ExpiresAt);
