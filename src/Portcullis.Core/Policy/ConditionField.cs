namespace Portcullis.Core.Policy;

/// <summary>The attributes a rule condition can test, with their policy-file names (<see cref="ConditionFields"/>).</summary>
public enum ConditionField
{
    Notional,
    Amount,
    Initiator,
    AssetClass,
    OrderType,
    Instrument,
    Destination,
    FactorKind,
    Capability,
    SourceIp,
    DeviceTrusted,
    NetworkTrusted,
    UserHasSecurityKey,
    UserHasSecondFactor,
    SessionRecovered,
}
