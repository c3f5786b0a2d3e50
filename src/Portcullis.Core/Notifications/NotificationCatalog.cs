using System.Collections.Frozen;

namespace Portcullis.Core.Notifications;

/// <summary>Every event type the gate emits, with its severity, title and default channels.</summary>
public static class NotificationCatalog
{
    private static readonly IReadOnlySet<NotificationChannel> EmailAndWebhook =
        new[] { NotificationChannel.Email, NotificationChannel.Webhook }.ToFrozenSet();

    private static readonly IReadOnlySet<NotificationChannel> All =
        new[] { NotificationChannel.Email, NotificationChannel.Sms, NotificationChannel.Webhook }.ToFrozenSet();

    private static readonly FrozenDictionary<string, NotificationKind> Kinds = new NotificationKind[]
    {
        Critical(NotificationTypes.NewDevice, "New sign-in from a new device"),
        Warning(NotificationTypes.NewNetwork, "New sign-in from a new network"),
        Critical(NotificationTypes.DeviceRevoked, "A device was revoked"),
        Critical(NotificationTypes.PushDenied, "A sign-in was denied on your authenticator"),
        Critical(NotificationTypes.FactorBound, "A second factor was added"),
        Critical(NotificationTypes.FactorRemoved, "A second factor was removed"),
        Critical(NotificationTypes.PasswordChanged, "Your password was changed"),
        Critical(NotificationTypes.RecoveryCodeUsed, "A recovery code was used"),
        Critical(NotificationTypes.RecoveryCodesRegenerated, "New recovery codes were generated"),
        Critical(NotificationTypes.SignCounterRegression, "A security key may have been cloned"),
        Critical(NotificationTypes.ContactAdded, "A notification address was added"),
        Critical(NotificationTypes.ContactRemoved, "A notification address was removed"),
        Critical(NotificationTypes.WebhookAdded, "A webhook endpoint was added"),
        Critical(NotificationTypes.WebhookRemoved, "A webhook endpoint was removed"),
        Critical(NotificationTypes.ApiKeyCreated, "An API key was created"),
        Warning(NotificationTypes.ApiKeyNewIp, "An API key was used from a new IP address"),
        Warning(NotificationTypes.ApiKeyRevoked, "An API key was revoked"),
        Critical(NotificationTypes.FreezeRequested, "A freeze of your account was requested"),
        Critical(NotificationTypes.FreezeSet, "Your account was frozen"),
        Critical(NotificationTypes.FreezeLifted, "The freeze on your account was lifted"),
        Critical(NotificationTypes.WithdrawalRequested, "A withdrawal was requested"),
        Warning(NotificationTypes.WithdrawalCompleted, "A withdrawal was completed"),
        Info(NotificationTypes.TradeExecuted, "A trade was executed"),
        Critical(NotificationTypes.DestinationAdded, "A withdrawal destination was added"),
        Critical(NotificationTypes.AnomalyDetected, "Unusual activity on your account"),
        Critical(NotificationTypes.RecoveryCaseOpened, "An account recovery was started"),
        Critical(NotificationTypes.RecoveryCaseApproved, "An account recovery was approved"),
        Critical(NotificationTypes.RecoveryCaseCompleted, "An account recovery was completed"),
        Critical(NotificationTypes.RecoveryCaseCancelled, "An account recovery was cancelled"),
        // Protection: freezes, settings lock, trusted networks (add below this line)
        Critical(NotificationTypes.FreezeLiftRequested, "A freeze on your account will be lifted"),
        Critical(NotificationTypes.SettingsLockEnabled, "Your settings lock was turned on"),
        Critical(NotificationTypes.SettingsUnlockRequested, "Someone asked to turn off your settings lock"),
        Critical(NotificationTypes.SettingsUnlockCancelled, "The request to turn off your settings lock was cancelled"),
        Critical(NotificationTypes.TrustedNetworkAdded, "A trusted network was added"),
        Critical(NotificationTypes.TrustedNetworkRemoved, "A trusted network was removed"),
        // Held operations (add below this line)
        Critical(NotificationTypes.OperationDenied, "An operation waiting for your approval was denied"),
        Warning(NotificationTypes.OperationExpired, "An operation waiting for your approval expired"),
        new(NotificationTypes.ActivityReport, NotificationSeverity.Info, "Your activity report",
            new[] { NotificationChannel.Email }.ToFrozenSet()),
    }.ToFrozenDictionary(k => k.Type, StringComparer.Ordinal);

    public static IEnumerable<NotificationKind> Everything => Kinds.Values.OrderBy(k => k.Type, StringComparer.Ordinal);

    public static bool IsKnown(string type) => Kinds.ContainsKey(type);

    /// <summary>The kind of <paramref name="type"/>; an unknown type (never emitted by the gate) is treated as critical.</summary>
    public static NotificationKind Describe(string type) =>
        Kinds.TryGetValue(type, out var kind) ? kind : new NotificationKind(type, NotificationSeverity.Critical, type, All);

    private static NotificationKind Critical(string type, string title) => new(type, NotificationSeverity.Critical, title, All);

    private static NotificationKind Warning(string type, string title) => new(type, NotificationSeverity.Warning, title, EmailAndWebhook);

    private static NotificationKind Info(string type, string title) => new(type, NotificationSeverity.Info, title, EmailAndWebhook);

    /// <summary>Wire names of channels.</summary>
    public static string WireName(NotificationChannel channel) => channel switch
    {
        NotificationChannel.Email => "email",
        NotificationChannel.Sms => "sms",
        NotificationChannel.Webhook => "webhook",
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };

    public static NotificationChannel? ParseChannel(string? name) => name switch
    {
        "email" => NotificationChannel.Email,
        "sms" => NotificationChannel.Sms,
        "webhook" => NotificationChannel.Webhook,
        _ => null,
    };
}
