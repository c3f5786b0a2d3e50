namespace Portcullis.Core.Policy;

/// <summary>What a tier does with an operation no person started (an API key, a workstation on its own).</summary>
public enum UnattendedAction
{
    /// <summary>Refuse it (<see cref="PolicyReasons.InitiatorNotAllowed"/>).</summary>
    Deny = 0,

    /// <summary>Hold it for a person's approval on an authenticator device.</summary>
    Hold = 1,

    /// <summary>Allow it (the key's own scopes and limits still apply).</summary>
    Allow = 2,
}
