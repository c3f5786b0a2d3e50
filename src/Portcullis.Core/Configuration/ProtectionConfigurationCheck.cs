using Microsoft.Extensions.Options;
using Portcullis.Core.Protection;

namespace Portcullis.Core.Configuration;

/// <summary>Checks the <c>Protection</c> section.</summary>
public sealed class ProtectionConfigurationCheck(IOptions<ProtectionOptions> options) : IConfigurationCheck
{
    private static readonly TimeSpan Shortest = TimeSpan.FromHours(1);
    private static readonly TimeSpan Longest = TimeSpan.FromDays(30);

    public IEnumerable<string> Problems()
    {
        var o = options.Value;
        foreach (var (path, value) in new[]
                 {
                     ("Protection:FreezeLiftDelay", o.FreezeLiftDelay),
                     ("Protection:SecurityChangeCooldown", o.SecurityChangeCooldown),
                     ("Protection:RecoveryCooldown", o.RecoveryCooldown),
                 })
        {
            if (value < Shortest || value > Longest)
            {
                yield return ConfigurationProblem.Format(path, "must be between 01:00:00 and 30.00:00:00", value);
            }
        }

        if (o.SweepInterval < TimeSpan.FromSeconds(1) || o.SweepInterval > TimeSpan.FromHours(1))
        {
            yield return ConfigurationProblem.Format("Protection:SweepInterval", "must be between 00:00:01 and 01:00:00", o.SweepInterval);
        }

        if (o.MaxTrustedNetworks is < 1 or > 100)
        {
            yield return ConfigurationProblem.Format("Protection:MaxTrustedNetworks", "must be between 1 and 100", o.MaxTrustedNetworks);
        }

        if (o.StateCacheCapacity is < 0 or > 1_000_000)
        {
            yield return ConfigurationProblem.Format("Protection:StateCacheCapacity", "must be between 0 (no cache) and 1000000", o.StateCacheCapacity);
        }
    }
}
