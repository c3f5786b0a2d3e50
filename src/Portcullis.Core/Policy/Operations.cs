namespace Portcullis.Core.Policy;

/// <summary>
/// The operations catalogue: every request that touches an account or its security is one of these. Names are
/// stable (policy files and the audit log use them); <c>docs/policy.md</c> lists them and a test keeps it in step.
/// </summary>
public static class Operations
{
    public const string ProfileRead = "profile.read";

    public const string PasswordChange = "password.change";

    public const string SessionRead = "session.read";

    public const string SessionRevoke = "session.revoke";

    public const string SessionStepUp = "session.step_up";

    public const string SessionReauthenticate = "session.reauthenticate";

    public const string FactorRead = "factor.read";

    public const string FactorEnroll = "factor.enroll";

    public const string FactorRename = "factor.rename";

    public const string FactorRemove = "factor.remove";

    public const string RecoveryCodesGenerate = "recovery_codes.generate";

    public const string DeviceRead = "device.read";

    public const string DeviceRename = "device.rename";

    public const string DeviceRevoke = "device.revoke";

    public const string NotificationRead = "notification.read";

    public const string NotificationMarkRead = "notification.mark_read";

    public const string NotificationSettingsRead = "notification_settings.read";

    public const string NotificationContactAdd = "notification_contact.add";

    public const string NotificationContactRemove = "notification_contact.remove";

    public const string NotificationPreferencesChange = "notification_preferences.change";

    public const string AntiPhishingPhraseChange = "anti_phishing_phrase.change";

    public const string WebhookAdd = "webhook.add";

    public const string WebhookRotateSecret = "webhook.rotate_secret";

    public const string WebhookRemove = "webhook.remove";

    public const string ActivityReportRead = "activity_report.read";

    public const string ActivityReportConfigure = "activity_report.configure";

    public const string NetworkRead = "network.read";

    public const string NetworkTrust = "network.trust";

    public const string NetworkUntrust = "network.untrust";

    public const string FreezeRead = "freeze.read";

    public const string FreezeSet = "freeze.set";

    public const string FreezeLift = "freeze.lift";

    public const string SettingsLockSet = "settings_lock.set";

    public const string SettingsLockLift = "settings_lock.lift";

    public const string DecisionExplain = "decision.explain";

    public const string OperationRead = "operation.read";

    public const string OperationCancel = "operation.cancel";

    public const string PortfolioRead = "portfolio.read";

    public const string MarketDataRead = "market_data.read";

    public const string OrderPlace = "order.place";

    public const string OrderReplace = "order.replace";

    public const string OrderCancel = "order.cancel";

    public const string MarginChange = "margin.change";

    public const string DepositRequest = "deposit.request";

    public const string WithdrawalRequest = "withdrawal.request";

    public const string DestinationAdd = "destination.add";

    public const string DestinationRemove = "destination.remove";

    public const string ApiKeyRead = "apikey.read";

    public const string ApiKeyCreate = "apikey.create";

    public const string ApiKeyRotate = "apikey.rotate";

    public const string ApiKeyRevoke = "apikey.revoke";

    public const string ApiKeySessionKeyCreate = "apikey.session_key.create";

    public const string MemberInvite = "member.invite";

    public const string OperatorDeliveriesRead = "operator.deliveries.read";

    public const string OperatorDeliveriesRetry = "operator.deliveries.retry";

    public const string OperatorFreezeRead = "operator.freeze.read";

    public const string OperatorFreezeSet = "operator.freeze.set";

    public const string OperatorFreezeLift = "operator.freeze.lift";

    public const string OperatorUsersRead = "operator.users.read";

    public const string OperatorUsersChange = "operator.users.change";

    public const string OperatorAuditRead = "operator.audit.read";

    /// <summary>Every operation, in catalogue order.</summary>
    public static readonly IReadOnlyList<OperationDefinition> All =
    [
        new(ProfileRead, Capability.None, false, true, "Read the signed-in user, session and accounts"),
        new(PasswordChange, Capability.SecurityChanges, false, false, "Change the password"),
        new(SessionRead, Capability.None, false, true, "List sessions"),
        new(SessionRevoke, Capability.None, false, false, "Sign out, or end another session or all sessions"),
        new(SessionStepUp, Capability.None, false, false, "Start a step-up: a fresh second factor in this session"),
        new(SessionReauthenticate, Capability.None, false, false, "Re-enter the password in this session"),
        new(FactorRead, Capability.None, false, true, "List factors and recovery-code status"),
        new(FactorEnroll, Capability.SecurityChanges, false, false, "Enrol a second factor (TOTP, security key, SMS, authenticator)"),
        new(FactorRename, Capability.None, false, false, "Rename a factor"),
        new(FactorRemove, Capability.SecurityChanges, false, false, "Remove a second factor"),
        new(RecoveryCodesGenerate, Capability.SecurityChanges, false, false, "Generate a new set of recovery codes"),
        new(DeviceRead, Capability.None, false, true, "List devices"),
        new(DeviceRename, Capability.None, false, false, "Rename a device"),
        new(DeviceRevoke, Capability.None, false, false, "Revoke a device: its sessions, approvals and credentials end"),
        new(NotificationRead, Capability.None, false, true, "Read the in-app notification feed"),
        new(NotificationMarkRead, Capability.None, false, false, "Mark notifications read"),
        new(NotificationSettingsRead, Capability.None, false, true, "Read alert addresses, preferences, phrase and webhooks"),
        new(NotificationContactAdd, Capability.SecurityChanges, false, false, "Add an alert address (email or phone)"),
        new(NotificationContactRemove, Capability.SecurityChanges, false, false, "Remove an alert address"),
        new(NotificationPreferencesChange, Capability.SecurityChanges, false, false, "Change which alerts go to which channel"),
        new(AntiPhishingPhraseChange, Capability.SecurityChanges, false, false, "Set or clear the anti-phishing phrase"),
        new(WebhookAdd, Capability.SecurityChanges, false, false, "Add a webhook endpoint for alerts"),
        new(WebhookRotateSecret, Capability.SecurityChanges, false, false, "Rotate a webhook endpoint's signing secret"),
        new(WebhookRemove, Capability.SecurityChanges, false, false, "Remove a webhook endpoint"),
        new(ActivityReportRead, Capability.None, false, true, "Read the activity report or its frequency"),
        new(ActivityReportConfigure, Capability.None, false, false, "Change how often the activity report is sent"),
        new(NetworkRead, Capability.None, false, true, "List trusted networks"),
        new(NetworkTrust, Capability.SecurityChanges, false, false, "Add a trusted network (CIDR)"),
        new(NetworkUntrust, Capability.SecurityChanges, false, false, "Remove a trusted network"),
        new(FreezeRead, Capability.None, false, true, "Read freezes and the settings lock"),
        new(FreezeSet, Capability.None, false, false, "Freeze a capability (trading, withdrawals, api, security_changes, all)"),
        new(FreezeLift, Capability.None, false, false, "Ask to lift a freeze (takes effect after the cool-down)"),
        new(SettingsLockSet, Capability.None, false, false, "Turn the settings lock on"),
        new(SettingsLockLift, Capability.None, false, false, "Ask to turn the settings lock off (takes effect after its delay)"),
        new(DecisionExplain, Capability.None, false, true, "Explain how the policy would decide an operation"),
        new(OperationRead, Capability.None, false, true, "Read a held operation's status"),
        new(OperationCancel, Capability.None, false, false, "Cancel one's own held operation"),
        new(PortfolioRead, Capability.None, false, true, "Read positions, cash, orders, fills and statements"),
        new(MarketDataRead, Capability.None, false, true, "Read instruments and quotes"),
        new(OrderPlace, Capability.Trading, false, false, "Place an order"),
        new(OrderReplace, Capability.Trading, false, false, "Change a resting order"),
        new(OrderCancel, Capability.None, false, false, "Cancel an order (never frozen: cancelling reduces risk)"),
        new(MarginChange, Capability.Trading, false, false, "Change the margin setting or leverage limit"),
        new(DepositRequest, Capability.None, false, false, "Deposit cash (paper ledger)"),
        new(WithdrawalRequest, Capability.Withdrawals, true, false, "Withdraw cash to a saved destination"),
        new(DestinationAdd, Capability.Withdrawals, true, false, "Add a withdrawal destination"),
        new(DestinationRemove, Capability.None, false, false, "Remove a withdrawal destination"),
        new(ApiKeyRead, Capability.None, false, true, "List API keys and their usage"),
        new(ApiKeyCreate, Capability.Api, false, false, "Create an API key"),
        new(ApiKeyRotate, Capability.Api, false, false, "Create a successor to an API key"),
        new(ApiKeyRevoke, Capability.None, false, false, "Revoke an API key (never frozen)"),
        new(ApiKeySessionKeyCreate, Capability.Api, false, false, "A bot asks for a session key with its API key's signature"),
        new(MemberInvite, Capability.SecurityChanges, false, false, "Invite a member to a trading account"),
        new(OperatorDeliveriesRead, Capability.None, false, true, "Operators: list notification deliveries"),
        new(OperatorDeliveriesRetry, Capability.None, false, false, "Operators: retry a dead-lettered delivery"),
        new(OperatorFreezeRead, Capability.None, false, true, "Operators: list a user's freezes"),
        new(OperatorFreezeSet, Capability.None, false, false, "Operators: freeze a user's capability"),
        new(OperatorFreezeLift, Capability.None, false, false, "Operators: lift a freeze at once"),
        new(OperatorUsersRead, Capability.None, false, true, "Operators: list users and trading accounts with their members"),
        new(OperatorUsersChange, Capability.None, false, false, "Operators: disable or enable a user"),
        new(OperatorAuditRead, Capability.None, false, true, "Operators: read the audit log and verify its chain"),
    ];

    private static readonly Dictionary<string, OperationDefinition> ByName = All.ToDictionary(o => o.Name, StringComparer.Ordinal);

    public static OperationDefinition? Find(string name) => ByName.GetValueOrDefault(name);
}
