using Portcullis.Core.Factors;

namespace Portcullis.Core.Policy;

/// <summary>
/// The classes of proof a tier can ask for: the factor classes of docs/factors.md, plus the password, which a
/// tier may accept where an account has no second factor yet. Policy files spell them in snake case.
/// </summary>
public enum ProofClass
{
    PhishingResistant = 0,
    Possession = 1,
    Restricted = 2,
    LookupSecret = 3,
    Password = 4,
}

/// <summary>Names and mappings of <see cref="ProofClass"/>.</summary>
public static class ProofClasses
{
    public static ProofClass From(FactorClass factorClass) => factorClass switch
    {
        FactorClass.PhishingResistant => ProofClass.PhishingResistant,
        FactorClass.Possession => ProofClass.Possession,
        FactorClass.Restricted => ProofClass.Restricted,
        FactorClass.LookupSecret => ProofClass.LookupSecret,
        _ => throw new ArgumentOutOfRangeException(nameof(factorClass), factorClass, null),
    };

    /// <summary>The policy-file and wire name, also used as an RFC 9470 <c>acr_values</c> entry.</summary>
    public static string Name(ProofClass proofClass) => proofClass switch
    {
        ProofClass.PhishingResistant => "phishing_resistant",
        ProofClass.Possession => "possession",
        ProofClass.Restricted => "restricted",
        ProofClass.LookupSecret => "lookup_secret",
        ProofClass.Password => "password",
        _ => throw new ArgumentOutOfRangeException(nameof(proofClass), proofClass, null),
    };

    public static bool TryParse(string? name, out ProofClass proofClass)
    {
        foreach (var candidate in Enum.GetValues<ProofClass>())
        {
            if (string.Equals(Name(candidate), name, StringComparison.Ordinal))
            {
                proofClass = candidate;
                return true;
            }
        }

        proofClass = default;
        return false;
    }
}
