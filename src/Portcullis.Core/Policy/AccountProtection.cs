using System.Net;

namespace Portcullis.Core.Policy;

/// <summary>
/// The protective state of a user's account that the engine reads before any rule: capability freezes, the
/// settings lock, the cool-down after security changes, and the trusted networks.
/// </summary>
/// <param name="Frozen">Capabilities currently frozen (a freeze whose lift is pending is still frozen).</param>
/// <param name="SettingsLocked">The user's settings lock is on: security changes are refused.</param>
/// <param name="CooldownUntil">Withdrawals and new destinations are refused until then; nobody can lift it.</param>
/// <param name="TrustedNetworks">The account's trusted ranges; empty means the account lists none.</param>
public sealed record AccountProtection(
    Capability Frozen,
    bool SettingsLocked,
    DateTimeOffset? CooldownUntil,
    IReadOnlyList<IPNetwork> TrustedNetworks)
{
    public static readonly AccountProtection None = new(Capability.None, false, null, []);

    /// <summary>Whether <paramref name="ip"/> lies in a trusted network; <c>null</c> when the account lists none.</summary>
    public bool? IsTrusted(IPAddress? ip)
    {
        if (TrustedNetworks.Count == 0)
        {
            return null;
        }

        if (ip is null)
        {
            return false;
        }

        var address = ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
        for (var i = 0; i < TrustedNetworks.Count; i++)
        {
            if (TrustedNetworks[i].Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
