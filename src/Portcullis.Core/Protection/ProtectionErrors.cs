using Portcullis.Core.Results;

namespace Portcullis.Core.Protection;

/// <summary>Stable codes for freezes, the settings lock and trusted networks.</summary>
public static class ProtectionErrors
{
    public const string CapabilityInvalidCode = "protection.capability_invalid";
    public const string ReasonInvalidCode = "protection.reason_invalid";
    public const string FreezeNotFoundCode = "protection.freeze_not_found";
    public const string FreezeLiftedCode = "protection.freeze_lifted";
    public const string UnlockDelayInvalidCode = "protection.unlock_delay_invalid";
    public const string UnlockDelayShorterCode = "protection.unlock_delay_shorter";
    public const string SettingsLockOffCode = "protection.settings_lock_off";
    public const string UnlockNotRequestedCode = "protection.unlock_not_requested";
    public const string NetworkInvalidCode = "protection.network_invalid";
    public const string NetworkTooBroadCode = "protection.network_too_broad";
    public const string NetworkLabelInvalidCode = "protection.network_label_invalid";
    public const string NetworkExistsCode = "protection.network_exists";
    public const string NetworkLimitCode = "protection.network_limit";
    public const string NetworkNotFoundCode = "protection.network_not_found";
    public const string OperatorOnlyCode = "protection.operator_only";

    public static Error CapabilityInvalid() => new(CapabilityInvalidCode,
        "Name one or more capabilities: trading, withdrawals, api, security_changes or all.")
    {
        Fields = new Dictionary<string, string[]> { ["capabilities"] = ["Use trading, withdrawals, api, security_changes or all."] },
    };

    public static Error ReasonInvalid() => new(ReasonInvalidCode, "A reason has at most 200 characters.")
    {
        Fields = new Dictionary<string, string[]> { ["reason"] = ["At most 200 characters."] },
    };

    public static Error FreezeNotFound() => new(FreezeNotFoundCode, "No such freeze.");

    public static Error FreezeLifted() => new(FreezeLiftedCode, "This freeze is already lifted.");

    public static Error UnlockDelayInvalid() => new(UnlockDelayInvalidCode, "The unlock delay is 1 to 30 days.")
    {
        Fields = new Dictionary<string, string[]> { ["unlock_delay_days"] = ["A whole number from 1 to 30."] },
    };

    public static Error UnlockDelayShorter() => new(UnlockDelayShorterCode,
        "The settings lock is on: its unlock delay can be made longer, not shorter.");

    public static Error SettingsLockOff() => new(SettingsLockOffCode, "The settings lock is not on.");

    public static Error UnlockNotRequested() => new(UnlockNotRequestedCode, "No unlock of the settings lock is pending.");

    public static Error NetworkInvalid() => new(NetworkInvalidCode,
        "Give a network as an IPv4 or IPv6 address or CIDR range, e.g. 203.0.113.0/24 or 2001:db8::/48.")
    {
        Fields = new Dictionary<string, string[]> { ["cidr"] = ["An IP address or CIDR range."] },
    };

    public static Error NetworkTooBroad() => new(NetworkTooBroadCode,
        "That range is too broad to trust: use a prefix of at least /8 for IPv4 or /32 for IPv6.")
    {
        Fields = new Dictionary<string, string[]> { ["cidr"] = ["Prefix at least /8 (IPv4) or /32 (IPv6)."] },
    };

    public static Error NetworkLabelInvalid() => new(NetworkLabelInvalidCode, "A label has 1–64 characters.")
    {
        Fields = new Dictionary<string, string[]> { ["label"] = ["1–64 characters."] },
    };

    public static Error NetworkExists() => new(NetworkExistsCode, "This network is already trusted.");

    public static Error NetworkLimit(int max) => new(NetworkLimitCode, $"At most {max} trusted networks: remove one first.");

    public static Error NetworkNotFound() => new(NetworkNotFoundCode, "No such trusted network.");

    public static Error OperatorOnly() => new(OperatorOnlyCode, "Only operators may do this.");
}
