namespace Portcullis.Core.Protection;

/// <summary>Why a cool-down started, as stored and audited.</summary>
public static class CooldownReasons
{
    public const string PasswordChanged = "password_changed";
    public const string FactorAdded = "factor_added";
    public const string FactorRemoved = "factor_removed";
    public const string DeviceTrusted = "device_trusted";
    public const string Recovery = "recovery";

    /// <summary>Account recovery gets the longer cool-down (<see cref="ProtectionOptions.RecoveryCooldown"/>).</summary>
    public static bool IsRecovery(string reason) => string.Equals(reason, Recovery, StringComparison.Ordinal);
}
