namespace Portcullis.Core.Factors;

/// <summary>The second factors a user can enrol (a password is the first factor, never listed here).</summary>
public enum FactorKind
{
    /// <summary>A security key or passkey (WebAuthn Level 3).</summary>
    WebAuthn = 0,

    /// <summary>An authenticator app code (RFC 6238).</summary>
    Totp = 1,

    /// <summary>A registered authenticator device approving pushes with number matching.</summary>
    Push = 2,

    /// <summary>A code sent by SMS: restricted (NIST SP 800-63B-4 §3.1.3.3).</summary>
    Sms = 3,

    /// <summary>The set of single-use recovery codes (a look-up secret).</summary>
    RecoveryCodes = 4,
}
