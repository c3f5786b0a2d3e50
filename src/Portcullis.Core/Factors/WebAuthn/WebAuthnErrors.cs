using Portcullis.Core.Results;

namespace Portcullis.Core.Factors.WebAuthn;

/// <summary>
/// Stable codes for refusals of a WebAuthn registration that the signed-in user can act on. Failed
/// verifications use <see cref="FactorErrors.Invalid"/> and keep their reason for the audit log.
/// </summary>
public static class WebAuthnErrors
{
    public const string AttestationRequiredCode = "webauthn.attestation_required";
    public const string AuthenticatorNotAllowedCode = "webauthn.authenticator_not_allowed";
    public const string CredentialExistsCode = "webauthn.credential_exists";

    public static Error AttestationRequired() => new(AttestationRequiredCode,
        "This gate only accepts security keys that prove their model (attestation). Use another key.")
    { Reason = "attestation_required" };

    public static Error AuthenticatorNotAllowed() => new(AuthenticatorNotAllowedCode,
        "This model of security key is not allowed here. Use one of the models your administrator approved.")
    { Reason = "aaguid_not_allowed" };

    public static Error CredentialExists() => new(CredentialExistsCode,
        "This security key or passkey is already registered.")
    { Reason = "credential_exists" };
}
