using System.Net;

namespace Portcullis.Core.Policy;

/// <summary>How each <see cref="ConditionField"/> is named, typed and read.</summary>
public static class ConditionFields
{
    public enum Kind
    {
        Number,
        Text,
        Boolean,
        Address,
    }

    private static readonly (string Name, ConditionField Attribute, Kind Kind, string[]? Values, string Meaning)[] Table =
    [
        ("notional", ConditionField.Notional, Kind.Number, null, "order value (quantity × price) in the account currency"),
        ("amount", ConditionField.Amount, Kind.Number, null, "withdrawal or transfer amount in the account currency"),
        ("initiator", ConditionField.Initiator, Kind.Text, ["session", "api_key", "workstation"], "who started the operation"),
        ("asset_class", ConditionField.AssetClass, Kind.Text, ["stock", "option", "future", "forex", "bond"], "the instrument's asset class"),
        ("order_type", ConditionField.OrderType, Kind.Text, ["market", "limit", "stop", "stop_limit"], "the order type"),
        ("instrument", ConditionField.Instrument, Kind.Text, null, "the instrument's symbol"),
        ("destination", ConditionField.Destination, Kind.Text, null, "the withdrawal destination"),
        ("factor_kind", ConditionField.FactorKind, Kind.Text, ["password", "totp", "webauthn", "push", "sms", "recovery_codes"], "the factor being enrolled or removed"),
        ("capability", ConditionField.Capability, Kind.Text, ["trading", "withdrawals", "api", "security_changes", "all"], "the capability being frozen or lifted"),
        ("source_ip", ConditionField.SourceIp, Kind.Address, null, "the client address (in / not in a list of CIDR ranges)"),
        ("device.trusted", ConditionField.DeviceTrusted, Kind.Boolean, null, "the request's device has proven a second factor"),
        ("network.trusted", ConditionField.NetworkTrusted, Kind.Boolean, null, "the client address lies in one of the account's trusted networks"),
        ("user.has_security_key", ConditionField.UserHasSecurityKey, Kind.Boolean, null, "the user has an active security key or passkey"),
        ("user.has_second_factor", ConditionField.UserHasSecondFactor, Kind.Boolean, null, "the user has any active second factor"),
        ("session.recovered", ConditionField.SessionRecovered, Kind.Boolean, null, "the session was opened with a recovery code"),
    ];

    /// <summary>Every attribute: policy-file name, type, allowed values (if a closed set) and meaning.</summary>
    public static IEnumerable<(string Name, Kind Kind, IReadOnlyList<string>? Values, string Meaning)> All =>
        Table.Select(t => (t.Name, t.Kind, (IReadOnlyList<string>?)t.Values, t.Meaning));

    public static bool TryFind(string name, out ConditionField attribute, out Kind kind, out string[]? values)
    {
        foreach (var t in Table)
        {
            if (string.Equals(t.Name, name, StringComparison.Ordinal))
            {
                (attribute, kind, values) = (t.Attribute, t.Kind, t.Values);
                return true;
            }
        }

        (attribute, kind, values) = (default, default, null);
        return false;
    }

    public static string NameOf(ConditionField attribute) => Table.First(t => t.Attribute == attribute).Name;

    internal static decimal? Number(ConditionField attribute, OperationRequest request) => attribute switch
    {
        ConditionField.Notional => request.Notional,
        ConditionField.Amount => request.Amount,
        _ => null,
    };

    internal static string? Text(ConditionField attribute, OperationRequest request) => attribute switch
    {
        ConditionField.Initiator => InitiatorName(request.Initiator),
        ConditionField.AssetClass => request.AssetClass,
        ConditionField.OrderType => request.OrderType,
        ConditionField.Instrument => request.Instrument,
        ConditionField.Destination => request.Destination,
        ConditionField.FactorKind => request.FactorKind,
        ConditionField.Capability => request.Capability,
        _ => null,
    };

    internal static bool Boolean(ConditionField attribute, OperationRequest request, PolicySubject subject) => attribute switch
    {
        ConditionField.DeviceTrusted => request.DeviceTrusted,
        ConditionField.NetworkTrusted => subject.Protection.IsTrusted(request.SourceIp) == true,
        ConditionField.UserHasSecurityKey => subject.HasPhishingResistantFactor,
        ConditionField.UserHasSecondFactor => subject.HasSecondFactor,
        ConditionField.SessionRecovered => subject.RecoveredSession,
        _ => false,
    };

    internal static IPAddress? Address(ConditionField attribute, OperationRequest request) =>
        attribute == ConditionField.SourceIp ? request.SourceIp : null;

    /// <summary>The policy-file name of an initiator kind.</summary>
    public static string InitiatorName(InitiatorKind kind) => kind switch
    {
        InitiatorKind.ApiKey => "api_key",
        InitiatorKind.Workstation => "workstation",
        _ => "session",
    };

    /// <summary>The attribute's value in words, for explanations.</summary>
    internal static string Describe(ConditionField attribute, OperationRequest request, PolicySubject subject) => attribute switch
    {
        ConditionField.Notional or ConditionField.Amount =>
            Number(attribute, request)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)",
        ConditionField.SourceIp => request.SourceIp?.ToString() ?? "(none)",
        ConditionField.DeviceTrusted or ConditionField.NetworkTrusted or ConditionField.UserHasSecurityKey
            or ConditionField.UserHasSecondFactor or ConditionField.SessionRecovered =>
            Boolean(attribute, request, subject) ? "true" : "false",
        _ => Text(attribute, request) ?? "(none)",
    };
}
