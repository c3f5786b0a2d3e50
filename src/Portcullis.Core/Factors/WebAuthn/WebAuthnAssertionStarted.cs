namespace Portcullis.Core.Factors.WebAuthn;

/// <summary>
/// The options of a sign-in or step-up ceremony: the standard <c>PublicKeyCredentialRequestOptions</c> JSON for
/// <c>navigator.credentials.get()</c>, valid once, until <paramref name="ExpiresAt"/>.
/// </summary>
public sealed record WebAuthnAssertionStarted(string OptionsJson, DateTimeOffset ExpiresAt);
