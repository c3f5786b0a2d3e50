using System.Net;

namespace Portcullis.Core.Policy;

/// <summary>
/// One operation to decide: its name (<see cref="Operations"/>) and its attributes. Attributes that do not apply
/// stay <c>null</c>; a rule condition on a missing attribute does not match (except <c>!=</c> and <c>not in</c>).
/// Amounts are in the account's currency.
/// </summary>
public sealed record OperationRequest
{
    public required string Operation { get; init; }

    public required Guid UserId { get; init; }

    /// <summary>The trading account it touches, if any.</summary>
    public Guid? AccountId { get; init; }

    public InitiatorKind Initiator { get; init; } = InitiatorKind.Session;

    /// <summary>The device the request came from (a session's device, a key's or workstation's own).</summary>
    public Guid? DeviceId { get; init; }

    /// <summary>The device has proven a second factor (or is itself a factor's device) and is not revoked.</summary>
    public bool DeviceTrusted { get; init; }

    /// <summary>The client address (the socket peer, or what a trusted proxy forwarded).</summary>
    public IPAddress? SourceIp { get; init; }

    public string? Instrument { get; init; }

    /// <summary>e.g. <c>stock</c>, <c>option</c>, <c>future</c>, <c>forex</c>, <c>bond</c>.</summary>
    public string? AssetClass { get; init; }

    /// <summary>The instrument's market or venue, e.g. <c>NASDAQ</c> (API keys may be limited to markets).</summary>
    public string? Market { get; init; }

    /// <summary>e.g. <c>market</c>, <c>limit</c>, <c>stop</c>, <c>stop_limit</c>.</summary>
    public string? OrderType { get; init; }

    /// <summary>Order value: quantity × price, in the account currency.</summary>
    public decimal? Notional { get; init; }

    /// <summary>A withdrawal destination's id or name.</summary>
    public string? Destination { get; init; }

    /// <summary>A withdrawal or transfer amount, in the account currency.</summary>
    public decimal? Amount { get; init; }

    /// <summary>For factor operations: the factor kind (e.g. <c>webauthn</c>, <c>totp</c>).</summary>
    public string? FactorKind { get; init; }

    /// <summary>For a freeze or lift: the capability, e.g. <c>withdrawals</c> or <c>all</c>.</summary>
    public string? Capability { get; init; }
}
