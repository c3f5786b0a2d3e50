namespace Portcullis.Core.Factors;

/// <summary>TOTP (RFC 6238) settings; the defaults are what every authenticator app supports.</summary>
public sealed class TotpOptions
{
    /// <summary>The issuer shown in authenticator apps. Default "Portcullis".</summary>
    public string Issuer { get; set; } = "Portcullis";

    /// <summary>Code length: 6 or 8. Default 6.</summary>
    public int Digits { get; set; } = 6;

    /// <summary>Time step in seconds. Default 30.</summary>
    public int PeriodSeconds { get; set; } = 30;

    /// <summary>SHA1 (default), SHA256 or SHA512.</summary>
    public string Algorithm { get; set; } = "SHA1";
}
