namespace Portcullis.Core.Notifications.Reports;

/// <summary>One successful sign-in.</summary>
/// <param name="Method">How it was proved, e.g. <c>password</c> or <c>password+totp</c>.</param>
/// <param name="Assurance">The session's assurance level, e.g. <c>aal2</c>.</param>
/// <param name="NewDevice">Whether the sign-in registered a new device.</param>
public sealed record ReportSignIn(DateTimeOffset At, string? Ip, Guid? DeviceId, string? DeviceName, string Method, string? Assurance,
    bool NewDevice);
