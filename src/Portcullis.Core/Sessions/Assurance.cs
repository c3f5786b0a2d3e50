using Portcullis.Core.Factors;

namespace Portcullis.Core.Sessions;

/// <summary>Derives a session's assurance from its authentication events.</summary>
public static class Assurance
{
    public static AssuranceLevel Of(IEnumerable<SessionAuthentication> events)
    {
        var password = false;
        var second = false;
        var deviceBoundKey = false;
        foreach (var e in events)
        {
            if (e.Method == AuthenticationMethods.Password)
            {
                password = true;
            }
            else if (e.Class is not null)
            {
                second = true;
                deviceBoundKey |= e.Class == FactorClass.PhishingResistant && e.DeviceBound;
            }
        }

        return (password, second) switch
        {
            (true, true) => deviceBoundKey ? AssuranceLevel.Aal3 : AssuranceLevel.Aal2,
            (true, false) or (false, true) => AssuranceLevel.Aal1,
            _ => AssuranceLevel.None,
        };
    }

    /// <summary>The most recent second-factor proof of a class at least as strong as allowed, if any.</summary>
    public static SessionAuthentication? LastSecondFactor(IEnumerable<SessionAuthentication> events) =>
        events.Where(e => e.Class is not null).MaxBy(e => e.At);

    public static string WireName(AssuranceLevel level) => level switch
    {
        AssuranceLevel.Aal1 => "aal1",
        AssuranceLevel.Aal2 => "aal2",
        AssuranceLevel.Aal3 => "aal3",
        _ => "none",
    };
}
