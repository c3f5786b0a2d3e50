namespace Portcullis.Core.Factors;

public enum PendingChallengePurpose
{
    WebAuthnRegistration = 0,
    SmsEnrollment = 1,
    AuthenticatorEnrollment = 2,
}
