using Microsoft.Extensions.Options;
using Portcullis.Core.Sessions;

namespace Portcullis.Core.Configuration;

/// <summary>Checks the <c>Sessions</c> section.</summary>
public sealed class SessionConfigurationCheck(IOptions<SessionOptions> sessions) : IConfigurationCheck
{
    public IEnumerable<string> Problems()
    {
        var s = sessions.Value;
        if (s.IdleTimeout <= TimeSpan.Zero)
        {
            yield return ConfigurationProblem.Format("Sessions:IdleTimeout", "must be positive", s.IdleTimeout);
        }

        if (s.AbsoluteTimeout < s.IdleTimeout)
        {
            yield return ConfigurationProblem.Format("Sessions:AbsoluteTimeout", "must not be shorter than Sessions:IdleTimeout", s.AbsoluteTimeout);
        }

        if (s.ActivityWriteInterval < TimeSpan.Zero || s.ActivityWriteInterval >= s.IdleTimeout)
        {
            yield return ConfigurationProblem.Format("Sessions:ActivityWriteInterval", "must be at least 0 and shorter than Sessions:IdleTimeout", s.ActivityWriteInterval);
        }
    }
}
