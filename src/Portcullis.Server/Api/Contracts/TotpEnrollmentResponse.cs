namespace Portcullis.Server.Api.Contracts;

/// <summary>
/// A TOTP factor awaiting its first code. <see cref="Secret"/>, <see cref="OtpauthUri"/> and the QR codes are
/// shown this once: scan or type them into an authenticator app, then confirm with a code.
/// </summary>
public sealed record TotpEnrollmentResponse(FactorView Factor, string Secret, string OtpauthUri, string QrSvg, string QrPng)
{
    public override string ToString() => $"TotpEnrollmentResponse {{ Factor = {Factor.Id} }}";
}
