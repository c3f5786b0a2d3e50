using Fido2NetLib;
using Fido2NetLib.Exceptions;

namespace Portcullis.Core.Factors.WebAuthn;

/// <summary>
/// Why a WebAuthn response was refused, as a stable reason for the audit log. Callers only ever see
/// <c>factor.invalid</c>; the reason says which check failed.
/// </summary>
internal static class WebAuthnFailure
{
    /// <summary>
    /// Whether <paramref name="exception"/>, thrown while parsing or verifying a response, means the response is
    /// refused. Fido2 reads attacker-supplied JSON, CBOR, ASN.1 and keys, and what it throws on malformed input
    /// is not limited to <see cref="Fido2VerificationException"/> (CBOR, format, cryptographic, cast exceptions):
    /// any of them is a refusal, never a 500. Only cancellation and resource exhaustion pass through. Nothing
    /// inside the guarded calls touches the store, so a storage failure cannot be mistaken for a refusal.
    /// </summary>
    public static bool IsRefusal(Exception exception) =>
        exception is not (OperationCanceledException or OutOfMemoryException or InsufficientExecutionStackException);

    public static string Reason(Exception exception) => exception is Fido2VerificationException fido2 ? Reason(fido2.Code) : "malformed";

    /// <summary>The reason for each Fido2 verification failure (WebAuthn §7.1 and §7.2 steps).</summary>
    public static string Reason(Fido2ErrorCode code) => code switch
    {
        Fido2ErrorCode.InvalidAuthenticatorResponseOrigin or Fido2ErrorCode.MissingAuthenticatorResponseOrigin or
            Fido2ErrorCode.InvalidAuthenticatorResponseTopOrigin or Fido2ErrorCode.CrossOriginRequestNotAllowed => "wrong_origin",
        Fido2ErrorCode.InvalidRpidHash => "wrong_rp_id",
        Fido2ErrorCode.InvalidAuthenticatorResponseChallenge or Fido2ErrorCode.MissingAuthenticatorResponseChallenge => "wrong_challenge",
        Fido2ErrorCode.InvalidSignature => "bad_signature",
        Fido2ErrorCode.InvalidSignCount => "counter_regression",
        Fido2ErrorCode.UserPresentFlagNotSet => "user_not_present",
        Fido2ErrorCode.UserVerificationRequirementNotMet => "user_not_verified",
        Fido2ErrorCode.NonUniqueCredentialId => "credential_exists",
        Fido2ErrorCode.BackupEligibilityRequirementNotMet or Fido2ErrorCode.BackupStateRequirementNotMet or
            Fido2ErrorCode.InvalidBackupFlags => "bad_backup_flags",
        Fido2ErrorCode.UnimplementedAlgorithm or Fido2ErrorCode.CredentialAlgorithmRequirementNotMet or
            Fido2ErrorCode.InvalidCredentialPublicKey => "unsupported_key",
        Fido2ErrorCode.InvalidAttestation or Fido2ErrorCode.InvalidAttestationObject or Fido2ErrorCode.MalformedAttestationObject or
            Fido2ErrorCode.MissingAttestationObject or Fido2ErrorCode.UnknownAttestationType or Fido2ErrorCode.MissingAttestationType or
            Fido2ErrorCode.InvalidCertificateChain or Fido2ErrorCode.AaGuidNotFound or Fido2ErrorCode.UndesiredMetadataStatus => "bad_attestation",
        Fido2ErrorCode.InvalidAssertionResponse or Fido2ErrorCode.InvalidAttestationResponse or Fido2ErrorCode.InvalidAuthenticatorResponse =>
            "invalid_response",
        _ => "malformed",
    };
}
