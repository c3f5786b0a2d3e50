namespace Portcullis.Core.Notifications;

/// <summary>The catalogue of notification event types. Stable: preferences and templates key on them.</summary>
public static class NotificationTypes
{
    public const string NewDevice = "security.new_device";
    public const string FactorBound = "security.factor_bound";
    public const string FactorRemoved = "security.factor_removed";
    public const string PushDenied = "security.push_denied";
    public const string RecoveryCodeUsed = "security.recovery_code_used";
    public const string RecoveryCodesRegenerated = "security.recovery_codes_regenerated";
    public const string DeviceRevoked = "security.device_revoked";
    public const string PasswordChanged = "security.password_changed";
    public const string SignCounterRegression = "security.webauthn_counter_regression";

    // WebAuthn (add below this line)

    // Push and authenticators (add below this line)

    // SMS and recovery codes (add below this line)
}
