using Microsoft.Extensions.Options;
using Portcullis.Core.Configuration;

namespace Portcullis.Core.ApiKeys;

/// <summary>Checks the <c>ApiKeys</c> section.</summary>
public sealed class ApiKeyConfigurationCheck(IOptions<ApiKeyOptions> options) : IConfigurationCheck
{
    public IEnumerable<string> Problems()
    {
        var o = options.Value;
        if (o.MaxLifetime < TimeSpan.FromDays(1) || o.MaxLifetime > TimeSpan.FromDays(365))
        {
            yield return ConfigurationProblem.Format("ApiKeys:MaxLifetime", "must be between 1.00:00:00 and 365.00:00:00", o.MaxLifetime);
        }

        if (o.DefaultLifetime < TimeSpan.FromDays(1) || o.DefaultLifetime > o.MaxLifetime)
        {
            yield return ConfigurationProblem.Format("ApiKeys:DefaultLifetime", "must be between 1.00:00:00 and ApiKeys:MaxLifetime", o.DefaultLifetime);
        }

        if (o.UnrestrictedTradeLifetime < TimeSpan.FromDays(1) || o.UnrestrictedTradeLifetime > TimeSpan.FromDays(365))
        {
            yield return ConfigurationProblem.Format("ApiKeys:UnrestrictedTradeLifetime", "must be between 1.00:00:00 and 365.00:00:00",
                o.UnrestrictedTradeLifetime);
        }

        if (o.MaxKeysPerUser is < 1 or > 100)
        {
            yield return ConfigurationProblem.Format("ApiKeys:MaxKeysPerUser", "must be between 1 and 100", o.MaxKeysPerUser);
        }

        if (o.MaxRotationOverlap < TimeSpan.Zero || o.MaxRotationOverlap > TimeSpan.FromDays(30))
        {
            yield return ConfigurationProblem.Format("ApiKeys:MaxRotationOverlap", "must be between 00:00:00 and 30.00:00:00", o.MaxRotationOverlap);
        }

        if (o.DefaultRotationOverlap < TimeSpan.Zero || o.DefaultRotationOverlap > o.MaxRotationOverlap)
        {
            yield return ConfigurationProblem.Format("ApiKeys:DefaultRotationOverlap", "must be between 00:00:00 and ApiKeys:MaxRotationOverlap",
                o.DefaultRotationOverlap);
        }

        if (o.SignatureWindow < TimeSpan.FromSeconds(1) || o.SignatureWindow > TimeSpan.FromSeconds(60))
        {
            yield return ConfigurationProblem.Format("ApiKeys:SignatureWindow", "must be between 00:00:01 and 00:01:00", o.SignatureWindow);
        }

        if (o.MaxSignedBodyBytes is < 1024 or > 16 * 1024 * 1024)
        {
            yield return ConfigurationProblem.Format("ApiKeys:MaxSignedBodyBytes", "must be between 1024 and 16777216", o.MaxSignedBodyBytes);
        }

        if (o.SessionKeyLifetime < TimeSpan.FromMinutes(1) || o.SessionKeyLifetime > TimeSpan.FromMinutes(15))
        {
            yield return ConfigurationProblem.Format("ApiKeys:SessionKeyLifetime", "must be between 00:01:00 and 00:15:00", o.SessionKeyLifetime);
        }

        if (o.UsageRetention < TimeSpan.FromDays(1) || o.UsageRetention > TimeSpan.FromDays(365))
        {
            yield return ConfigurationProblem.Format("ApiKeys:UsageRetention", "must be between 1.00:00:00 and 365.00:00:00", o.UsageRetention);
        }
    }
}
