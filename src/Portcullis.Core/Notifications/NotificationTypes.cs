namespace Portcullis.Core.Notifications;

/// <summary>
/// The catalogue of notification event types. Stable: preferences, webhooks and templates key on them.
/// Each has a severity, a title and default channels in <see cref="NotificationCatalog"/>.
/// </summary>
public static class NotificationTypes
{
    // Sign-in and devices
    public const string NewDevice = "security.new_device";
    public const string NewNetwork = "security.new_network";
    public const string DeviceRevoked = "security.device_revoked";
    public const string PushDenied = "security.push_denied";

    // Factors and passwords
    public const string FactorBound = "security.factor_bound";
    public const string FactorRemoved = "security.factor_removed";
    public const string PasswordChanged = "security.password_changed";
    public const string RecoveryCodeUsed = "security.recovery_code_used";
    public const string RecoveryCodesRegenerated = "security.recovery_codes_regenerated";
    public const string SignCounterRegression = "security.webauthn_counter_regression";

    // Notification settings (a changed address or webhook is a security change)
    public const string ContactAdded = "security.contact_added";
    public const string ContactRemoved = "security.contact_removed";
    public const string WebhookAdded = "security.webhook_added";
    public const string WebhookRemoved = "security.webhook_removed";

    // API keys (emitted by the API-key issue)
    public const string ApiKeyCreated = "apikey.created";
    public const string ApiKeyNewIp = "apikey.used_from_new_ip";
    public const string ApiKeyRevoked = "apikey.revoked";

    // Freezes (the freeze itself arrives with the policy issue)
    public const string FreezeRequested = "account.freeze_requested";
    public const string FreezeSet = "account.freeze_set";
    public const string FreezeLifted = "account.freeze_lifted";

    // Funding and trading (emitted by the ledger issue)
    public const string WithdrawalRequested = "funding.withdrawal_requested";
    public const string WithdrawalCompleted = "funding.withdrawal_completed";
    public const string TradeExecuted = "trade.executed";
    public const string DestinationAdded = "funding.destination_added";

    // Anomalies and recovery (emitted by later issues)
    public const string AnomalyDetected = "security.anomaly_detected";
    public const string RecoveryCaseOpened = "recovery.case_opened";
    public const string RecoveryCaseApproved = "recovery.case_approved";
    public const string RecoveryCaseCompleted = "recovery.case_completed";
    public const string RecoveryCaseCancelled = "recovery.case_cancelled";

    // Reports
    public const string ActivityReport = "report.activity";

    // Protection: freezes, settings lock, trusted networks (add below this line)
    public const string FreezeLiftRequested = "account.freeze_lift_requested";
    public const string SettingsLockEnabled = "security.settings_lock_enabled";
    public const string SettingsUnlockRequested = "security.settings_unlock_requested";
    public const string SettingsUnlockCancelled = "security.settings_unlock_cancelled";
    public const string TrustedNetworkAdded = "security.trusted_network_added";
    public const string TrustedNetworkRemoved = "security.trusted_network_removed";
    // Held operations (add below this line)
    public const string OperationDenied = "security.operation_denied";
    public const string OperationExpired = "security.operation_expired";
}
