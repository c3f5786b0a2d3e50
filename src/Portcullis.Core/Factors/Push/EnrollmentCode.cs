namespace Portcullis.Core.Factors.Push;

/// <summary>A one-time authenticator enrolment code (<c>pce_…</c>), shown once to the signed-in user.</summary>
public sealed record EnrollmentCode(string Code, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"EnrollmentCode {{ ExpiresAt = {ExpiresAt:O} }}";
}
