using System.Net;
using Portcullis.Core.Policy;

namespace Portcullis.Core.Protection;

/// <summary>
/// A user's protection rows as read at <see cref="ReadAt"/>, in a form that answers for any later moment (<see cref="At"/>)
/// exactly as reading the rows again then would, as long as none of them changed: the freezes not lifted (with the time a
/// pending lift takes effect), when the settings lock's pending unlock takes effect, the end of the latest cool-down, and
/// the trusted networks. Kept by <see cref="SecurityStateCache"/> under the user's security version.
/// </summary>
public sealed record ProtectionSnapshot(
    DateTimeOffset ReadAt,
    IReadOnlyList<(Capability Capabilities, DateTimeOffset? LiftEffectiveAt)> Freezes,
    bool HasSettingsLock,
    DateTimeOffset? UnlockEffectiveAt,
    DateTimeOffset? LatestCooldownEnd,
    IReadOnlyList<IPNetwork> TrustedNetworks)
{
    /// <summary>The protection at <paramref name="now"/>, which must not be before <see cref="ReadAt"/>.</summary>
    public AccountProtection At(DateTimeOffset now)
    {
        if (now < ReadAt)
        {
            throw new ArgumentOutOfRangeException(nameof(now), "A snapshot answers only for its read time and after.");
        }

        var frozen = Capability.None;
        foreach (var (capabilities, liftEffectiveAt) in Freezes)
        {
            if (liftEffectiveAt is not { } effective || now < effective)
            {
                frozen |= capabilities;
            }
        }

        var locked = HasSettingsLock && (UnlockEffectiveAt is not { } unlock || now < unlock);
        var cooldownUntil = LatestCooldownEnd > now ? LatestCooldownEnd : null;
        return new AccountProtection(frozen, locked, cooldownUntil, TrustedNetworks);
    }
}
