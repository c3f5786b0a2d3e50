using Microsoft.Extensions.Options;
using Portcullis.Core.SignIn;

namespace Portcullis.Core.Configuration;

/// <summary>Checks the <c>SignIn</c> section.</summary>
public sealed class ThrottleConfigurationCheck(IOptions<ThrottleOptions> throttle) : IConfigurationCheck
{
    public IEnumerable<string> Problems()
    {
        var t = throttle.Value;
        if (t.HardStopAfter is < 1 or > 100)
        {
            yield return ConfigurationProblem.Format("SignIn:HardStopAfter", "must be between 1 and 100 (NIST SP 800-63B-4 §3.2.2)", t.HardStopAfter);
        }

        foreach (var problem in Check("SignIn:Account", t.Account).Concat(Check("SignIn:Network", t.Network)))
        {
            yield return problem;
        }

        if (t.NetworkForgetAfter <= TimeSpan.Zero)
        {
            yield return ConfigurationProblem.Format("SignIn:NetworkForgetAfter", "must be positive", t.NetworkForgetAfter);
        }
    }

    private static IEnumerable<string> Check(string path, ThrottleSchedule schedule)
    {
        if (schedule.FreeAttempts < 0)
        {
            yield return ConfigurationProblem.Format($"{path}:FreeAttempts", "must not be negative", schedule.FreeAttempts);
        }

        if (schedule.BaseDelay <= TimeSpan.Zero)
        {
            yield return ConfigurationProblem.Format($"{path}:BaseDelay", "must be positive", schedule.BaseDelay);
        }

        if (schedule.MaxDelay < schedule.BaseDelay)
        {
            yield return ConfigurationProblem.Format($"{path}:MaxDelay", $"must not be shorter than {path}:BaseDelay", schedule.MaxDelay);
        }
    }
}
