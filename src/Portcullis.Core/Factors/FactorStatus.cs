namespace Portcullis.Core.Factors;

public enum FactorStatus
{
    /// <summary>Enrolment started, not yet confirmed by a first successful use.</summary>
    Pending = 0,

    Active = 1,

    /// <summary>Removed by the user or by revoking its device; kept for the record.</summary>
    Removed = 2,
}
