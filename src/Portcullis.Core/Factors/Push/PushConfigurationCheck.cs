using Microsoft.Extensions.Options;
using Portcullis.Core.Configuration;

namespace Portcullis.Core.Factors.Push;

/// <summary>Checks the <c>Factors:Push</c> section.</summary>
public sealed class PushConfigurationCheck(IOptions<FactorOptions> options) : IConfigurationCheck
{
    public IEnumerable<string> Problems()
    {
        var push = options.Value.Push;
        if (push.ChallengeLifetime <= TimeSpan.Zero || push.ChallengeLifetime > TimeSpan.FromMinutes(2))
        {
            yield return ConfigurationProblem.Format("Factors:Push:ChallengeLifetime", "must be positive and at most 2 minutes", push.ChallengeLifetime);
        }

        if (push.MaxPending is < 1 or > 10)
        {
            yield return ConfigurationProblem.Format("Factors:Push:MaxPending", "must be between 1 and 10", push.MaxPending);
        }

        if (push.EnrollmentCodeLifetime <= TimeSpan.Zero || push.EnrollmentCodeLifetime > TimeSpan.FromHours(1))
        {
            yield return ConfigurationProblem.Format("Factors:Push:EnrollmentCodeLifetime", "must be positive and at most 1 hour", push.EnrollmentCodeLifetime);
        }
    }
}
