using Portcullis.Core.Factors.Totp;

namespace Portcullis.Core.Factors.Push;

/// <summary>
/// The authenticator's offline code, for when a push cannot reach it: RFC 6238 TOTP over the seed agreed at
/// enrolment (<see cref="PushProtocol.DeriveOfflineSeed"/>), HMAC-SHA256, 8 digits, 30-second steps.
/// </summary>
public static class OfflineCode
{
    public static string Compute(byte[] seed, DateTimeOffset at) =>
        TotpCode.Compute(seed, at, PushProtocol.OfflineDigits, PushProtocol.OfflinePeriodSeconds, PushProtocol.OfflineAlgorithm);

    /// <summary>RFC 6238 §5.2: the current step or one either side; the matched step, which must then be used only once.</summary>
    public static long? Match(byte[] seed, string code, DateTimeOffset at) =>
        TotpCode.Match(seed, code, at, PushProtocol.OfflineDigits, PushProtocol.OfflinePeriodSeconds, PushProtocol.OfflineAlgorithm);
}
