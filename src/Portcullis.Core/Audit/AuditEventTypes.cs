namespace Portcullis.Core.Audit;

/// <summary>The catalogue of audit event types. Stable: tools and people search the log by them.</summary>
public static class AuditEventTypes
{
    // Notification delivery (the outbox dispatcher and its operators)
    public const string NotificationDeadLettered = "notification.dead_lettered";
    public const string NotificationRetried = "notification.retried";

    public const string SignInSucceeded = "signin.succeeded";
    public const string SignInFailed = "signin.failed";
    public const string SessionCreated = "session.created";
    public const string SessionRevoked = "session.revoked";
    public const string SessionReauthenticated = "session.reauthenticated";
    public const string SessionSteppedUp = "session.stepped_up";
    public const string SignInSecondFactorRequired = "signin.second_factor_required";
    public const string StepUpStarted = "stepup.started";
    public const string FactorEnrolmentStarted = "factor.enrolment_started";
    public const string FactorEnrolmentFailed = "factor.enrolment_failed";
    public const string FactorBound = "factor.bound";
    public const string FactorRemoved = "factor.removed";
    public const string FactorRenamed = "factor.renamed";
    public const string FactorCounterRegression = "factor.counter_regression";
    public const string RecoveryCodesGenerated = "recovery_codes.generated";
    public const string PushSent = "push.sent";
    public const string PushAnswered = "push.answered";
    public const string SmsSent = "sms.sent";
    public const string DeviceRenamed = "device.renamed";
    public const string DeviceRevoked = "device.revoked";

    // WebAuthn (add below this line)

    // Push and authenticators (add below this line)
    public const string PushRefused = "push.refused";
    public const string PushDenied = "push.denied";
    public const string PushAnswerRejected = "push.answer_rejected";
    public const string AuthenticatorRefused = "authenticator.refused";

    // SMS and recovery codes (add below this line)
    public const string SmsSendFailed = "sms.send_failed";
    public const string RecoveryCodeUsed = "recovery_code.used";
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

    // Activity reports (add below this line)
    public const string ReportFrequencyChanged = "report.frequency_changed";
    // Notifications: email and the "this wasn't me" link (add below this line)
    public const string FreezeRequested = "account.freeze_requested";
    // Policy decisions (add below this line)
    public const string PolicyDecided = "policy.decided";

    // Notification settings (add below this line)
    public const string NotificationContactAdded = "notification.contact_added";
    public const string NotificationContactRemoved = "notification.contact_removed";
    public const string NotificationPreferenceChanged = "notification.preference_changed";
    public const string NotificationPhraseSet = "notification.phrase_set";
    public const string NotificationPhraseCleared = "notification.phrase_cleared";
    public const string NotificationWebhookAdded = "notification.webhook_added";
    public const string NotificationWebhookRemoved = "notification.webhook_removed";
    public const string NotificationWebhookSecretRotated = "notification.webhook_secret_rotated";

    // Protection: freezes, settings lock, cool-downs, trusted networks (add below this line)
    public const string FreezeSet = "freeze.set";
    public const string FreezeLiftRequested = "freeze.lift_requested";
    public const string FreezeLifted = "freeze.lifted";
    public const string SettingsLockEnabled = "settings_lock.enabled";
    public const string SettingsLockUnlockRequested = "settings_lock.unlock_requested";
    public const string SettingsLockUnlockCancelled = "settings_lock.unlock_cancelled";
    public const string CooldownStarted = "cooldown.started";
    public const string TrustedNetworkAdded = "trusted_network.added";
    public const string TrustedNetworkRemoved = "trusted_network.removed";
    // Held operations (add below this line)
    public const string OperationHeld = "operation.held";
    public const string OperationExecuted = "operation.executed";
    public const string OperationFailed = "operation.failed";
    public const string OperationDenied = "operation.denied";
    public const string OperationExpired = "operation.expired";
    public const string OperationCancelled = "operation.cancelled";

    // API keys
    public const string ApiKeyCreated = "apikey.created";
    public const string ApiKeyRotated = "apikey.rotated";
    public const string ApiKeyRevoked = "apikey.revoked";
    /// <summary>A session key was issued for an API key (never its secret).</summary>
    public const string ApiKeySessionKeyIssued = "apikey.session_key_issued";
    /// <summary>A signed request refused before the policy ran; the event's code is the refusal code.</summary>
    public const string ApiKeyRequestRefused = "apikey.request_refused";

    // Trading and funding (the ledger behind the gate)
    public const string OrderPlaced = "order.placed";
    /// <summary>A retried placement under an idempotency key that had already placed the order: nothing new was placed.</summary>
    public const string OrderReplayed = "order.replayed";
    public const string OrderReplaced = "order.replaced";
    public const string OrderCancelled = "order.cancelled";
    public const string TradeExecuted = "trade.executed";
    public const string DepositMade = "deposit.made";
    public const string WithdrawalRequested = "withdrawal.requested";
    public const string DestinationAdded = "destination.added";
    public const string DestinationRemoved = "destination.removed";
    public const string MarginChanged = "margin.changed";
}
