namespace Portcullis.Core.Factors;

/// <summary>How strong a factor is, in the product's terms (docs/factors.md).</summary>
public enum FactorClass
{
    /// <summary>Cannot be phished: the only class that satisfies tier 1 (WebAuthn).</summary>
    PhishingResistant = 0,

    /// <summary>Proves possession of a device or seed (TOTP, number-matched push).</summary>
    Possession = 1,

    /// <summary>Allowed only where policy says so, never for tier 1; users are warned (SMS).</summary>
    Restricted = 2,

    /// <summary>Only to regain access (recovery codes).</summary>
    LookupSecret = 3,
}
