namespace Portcullis.Core.Notifications;

public enum NotificationSeverity
{
    Info = 0,
    Warning = 1,

    /// <summary>Security-critical: cannot be switched off entirely.</summary>
    Critical = 2,
}
