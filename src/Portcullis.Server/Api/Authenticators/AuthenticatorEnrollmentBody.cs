namespace Portcullis.Server.Api.Authenticators;

/// <summary>
/// Sent by the device: the enrolment code, a name, its platform and the public halves of the keys it made
/// (Ed25519 <c>signing_key</c>, X25519 <c>agreement_key</c>; raw 32 bytes, base64url). Private keys never leave it.
/// </summary>
public sealed record AuthenticatorEnrollmentBody(string? Code, string? Name, string? Platform, string? SigningKey, string? AgreementKey)
{
    public override string ToString() => $"AuthenticatorEnrollmentBody {{ Name = {Name} }}";
}
