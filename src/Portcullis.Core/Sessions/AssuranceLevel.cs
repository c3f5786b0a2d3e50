namespace Portcullis.Core.Sessions;

/// <summary>
/// Authentication assurance levels in the sense of NIST SP 800-63B-4 §2: what the events recorded on a
/// session prove together.
/// </summary>
public enum AssuranceLevel
{
    /// <summary>No proof at all.</summary>
    None = 0,

    /// <summary>One factor (a password).</summary>
    Aal1 = 1,

    /// <summary>Two factors, the second of any class.</summary>
    Aal2 = 2,

    /// <summary>Two factors, the second a phishing-resistant key bound to its device.</summary>
    Aal3 = 3,
}
