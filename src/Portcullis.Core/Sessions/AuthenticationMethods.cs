namespace Portcullis.Core.Sessions;

/// <summary>Stable names of authentication methods recorded on sessions.</summary>
public static class AuthenticationMethods
{
    public const string Password = "password";
    public const string WebAuthn = "webauthn";
    public const string Totp = "totp";
    public const string Push = "push";
    public const string OfflineCode = "offline_code";
    public const string Sms = "sms";
    public const string RecoveryCode = "recovery_code";
}
