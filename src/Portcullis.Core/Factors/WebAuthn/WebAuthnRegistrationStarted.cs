namespace Portcullis.Core.Factors.WebAuthn;

/// <summary>
/// The first half of a registration: <paramref name="OptionsJson"/> is the standard
/// <c>PublicKeyCredentialCreationOptions</c> JSON for <c>navigator.credentials.create()</c>, valid until
/// <paramref name="ExpiresAt"/> and answered under <paramref name="ChallengeId"/>.
/// </summary>
public sealed record WebAuthnRegistrationStarted(Guid ChallengeId, string OptionsJson, DateTimeOffset ExpiresAt);
