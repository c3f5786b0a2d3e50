namespace Portcullis.Core.Factors.Totp;

/// <summary>A TOTP factor awaiting its first code. The secret is shown once, here, and stored only encrypted.</summary>
public sealed record TotpEnrollment(Factor Factor, string SecretBase32, string OtpAuthUri)
{
    public override string ToString() => $"TotpEnrollment {{ Factor = {Factor.Id} }}";
}
