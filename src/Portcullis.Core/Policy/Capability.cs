namespace Portcullis.Core.Policy;

/// <summary>
/// What a freeze stops. An operation belongs to at most one capability (<see cref="OperationDefinition.Capability"/>);
/// protective operations (signing out, revoking a device, setting a freeze) belong to none, so no freeze blocks them.
/// </summary>
[Flags]
public enum Capability
{
    None = 0,

    /// <summary>Placing, changing and cancelling orders.</summary>
    Trading = 1,

    /// <summary>Withdrawals and new withdrawal destinations.</summary>
    Withdrawals = 2,

    /// <summary>Creating API keys and every request made with one.</summary>
    Api = 4,

    /// <summary>Factors, passwords, alert addresses, trusted networks and other security settings.</summary>
    SecurityChanges = 8,

    /// <summary>Everything above.</summary>
    All = Trading | Withdrawals | Api | SecurityChanges,
}
