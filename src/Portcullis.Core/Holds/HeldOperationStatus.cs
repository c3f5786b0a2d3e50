namespace Portcullis.Core.Holds;

/// <summary>Where a held operation stands (docs/holds.md has the state machine).</summary>
public enum HeldOperationStatus
{
    /// <summary>Waiting for an approval on an authenticator. A pending operation whose expiry passed is expired.</summary>
    Pending = 0,

    /// <summary>Approved with the right number and executed (approval and execution are one transaction).</summary>
    Executed = 1,

    /// <summary>Denied on an authenticator ("this wasn't me"): audited and alerted on every channel.</summary>
    Denied = 2,

    /// <summary>Nobody approved it before it expired.</summary>
    Expired = 3,

    /// <summary>Cancelled by its initiator, or by a wrong number or an invalid signature on the device.</summary>
    Cancelled = 4,

    /// <summary>Approved, but the executor refused it (e.g. the address was added meanwhile); see the error code.</summary>
    Failed = 5,
}
