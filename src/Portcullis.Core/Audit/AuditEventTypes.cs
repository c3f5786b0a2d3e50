namespace Portcullis.Core.Audit;

/// <summary>The catalogue of audit event types. Stable: tools and people search the log by them.</summary>
public static class AuditEventTypes
{
    public const string SignInSucceeded = "signin.succeeded";
    public const string SignInFailed = "signin.failed";
    public const string SessionCreated = "session.created";
    public const string SessionRevoked = "session.revoked";
    public const string SessionReauthenticated = "session.reauthenticated";
    public const string UserCreated = "user.created";
    public const string UserDisabled = "user.disabled";
    public const string UserEnabled = "user.enabled";
    public const string UserUnlocked = "user.unlocked";
    public const string PasswordChanged = "password.changed";
    public const string PasswordReset = "password.reset";
    public const string PasswordRehashed = "password.rehashed";
    public const string DeviceRegistered = "device.registered";
    public const string AccountCreated = "account.created";
    public const string StoreInitialised = "store.initialised";
}
