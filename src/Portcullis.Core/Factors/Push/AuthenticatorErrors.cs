using Portcullis.Core.Results;

namespace Portcullis.Core.Factors.Push;

/// <summary>Stable codes for requests signed by an authenticator device (<c>Authorization: PortcullisDevice …</c>).</summary>
public static class AuthenticatorErrors
{
    public const string UnauthorizedCode = "authenticator.unauthorized";
    public const string ClockSkewCode = "authenticator.clock_skew";
    public const string RevokedCode = "authenticator.revoked";

    public static Error Unauthorized() => new(UnauthorizedCode,
        "The device signature is missing or does not verify. Enrol this authenticator again if its key file was replaced.");

    public static Error ClockSkew() => new(ClockSkewCode,
        $"The request's timestamp is more than {PushProtocol.MaxClockSkewSeconds} seconds from the server's clock. Check this device's clock.")
    {
        Reason = "clock_skew",
    };

    public static Error Revoked() => new(RevokedCode, "This authenticator was revoked or its push factor removed. Enrol it again to use it.")
    {
        Reason = "revoked",
    };
}
