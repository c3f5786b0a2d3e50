namespace Portcullis.Server.Api.Authenticators;

/// <summary>
/// An authenticator enrolment code, shown once: type or paste <see cref="Code"/> (with <see cref="Server"/>) into
/// the authenticator, or let it scan the QR code of <see cref="EnrollmentUri"/>. Single use, until <see cref="ExpiresAt"/>.
/// </summary>
public sealed record PushEnrollmentResponse(string Code, DateTimeOffset ExpiresAt, string Server, string EnrollmentUri, string QrSvg, string QrPng)
{
    public override string ToString() => $"PushEnrollmentResponse {{ ExpiresAt = {ExpiresAt:O} }}";
}
