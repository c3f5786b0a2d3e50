namespace Portcullis.Core.Factors.Push;

/// <summary>What a device sends to enrol: the code it was given and the public halves of its new keys (base64url).</summary>
/// <param name="SigningKey">Ed25519 public key (32 bytes): signs the device's requests and answers.</param>
/// <param name="AgreementKey">X25519 public key (32 bytes): agrees the offline-code seed; its private half may be discarded after.</param>
public sealed record AuthenticatorEnrollmentRequest(string? Code, string? Name, string? Platform, string? SigningKey, string? AgreementKey)
{
    public override string ToString() => $"AuthenticatorEnrollmentRequest {{ Name = {Name}, Platform = {Platform} }}";
}
