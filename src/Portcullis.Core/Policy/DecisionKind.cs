namespace Portcullis.Core.Policy;

/// <summary>The four answers of the policy engine.</summary>
public enum DecisionKind
{
    Allow = 0,

    /// <summary>Refused, with a stable reason code; nothing the caller can prove now changes it.</summary>
    Deny = 1,

    /// <summary>Refused until the session adds a fresh proof of an acceptable factor class (RFC 9470).</summary>
    StepUp = 2,

    /// <summary>Stored as pending until a person approves it on an authenticator device, or it expires.</summary>
    Hold = 3,
}
