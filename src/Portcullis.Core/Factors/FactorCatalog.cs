using Portcullis.Core.Sessions;

namespace Portcullis.Core.Factors;

/// <summary>Each factor kind's class and the authentication method it records on sessions.</summary>
public static class FactorCatalog
{
    public static FactorClass ClassOf(FactorKind kind) => kind switch
    {
        FactorKind.WebAuthn => FactorClass.PhishingResistant,
        FactorKind.Totp or FactorKind.Push => FactorClass.Possession,
        FactorKind.Sms => FactorClass.Restricted,
        FactorKind.RecoveryCodes => FactorClass.LookupSecret,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string MethodOf(FactorKind kind) => kind switch
    {
        FactorKind.WebAuthn => AuthenticationMethods.WebAuthn,
        FactorKind.Totp => AuthenticationMethods.Totp,
        FactorKind.Push => AuthenticationMethods.Push,
        FactorKind.Sms => AuthenticationMethods.Sms,
        FactorKind.RecoveryCodes => AuthenticationMethods.RecoveryCode,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Strong factors: those whose removal is refused when no other strong factor remains.</summary>
    public static bool IsStrong(FactorKind kind) => ClassOf(kind) is FactorClass.PhishingResistant or FactorClass.Possession;

    /// <summary>The wire name of a kind: <c>webauthn</c>, <c>totp</c>, <c>push</c>, <c>sms</c>, <c>recovery_codes</c>.</summary>
    public static string WireName(FactorKind kind) => kind switch
    {
        FactorKind.WebAuthn => "webauthn",
        FactorKind.Totp => "totp",
        FactorKind.Push => "push",
        FactorKind.Sms => "sms",
        FactorKind.RecoveryCodes => "recovery_codes",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
