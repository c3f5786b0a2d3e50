using Microsoft.Extensions.Options;
using Portcullis.Core.Configuration;

namespace Portcullis.Core.Holds;

/// <summary>Checks the <c>Policy:Holds</c> section, reporting every problem.</summary>
public sealed class HeldOperationConfigurationCheck(IOptions<HeldOperationOptions> options) : IConfigurationCheck
{
    public IEnumerable<string> Problems()
    {
        var o = options.Value;
        if (o.MaxPending is < 1 or > 50)
        {
            yield return ConfigurationProblem.Format($"{HeldOperationOptions.Section}:MaxPending", "must be 1–50", o.MaxPending);
        }

        if (o.Lifetime < TimeSpan.FromMinutes(1) || o.Lifetime > TimeSpan.FromHours(24))
        {
            yield return ConfigurationProblem.Format($"{HeldOperationOptions.Section}:Lifetime", "must be between 00:01:00 and 1.00:00:00", o.Lifetime);
        }

        if (o.SweepInterval < TimeSpan.FromSeconds(1) || o.SweepInterval > TimeSpan.FromHours(1))
        {
            yield return ConfigurationProblem.Format($"{HeldOperationOptions.Section}:SweepInterval", "must be between 00:00:01 and 01:00:00", o.SweepInterval);
        }
    }
}
