namespace Portcullis.Core.Devices;

public enum DeviceKind
{
    Browser = 0,

    /// <summary>An API or desktop client signing in with a bearer token.</summary>
    Native = 1,

    /// <summary>A registered authenticator device (push approvals, offline codes).</summary>
    Authenticator = 2,

    /// <summary>A WebAuthn security key.</summary>
    SecurityKey = 3,

    /// <summary>A desktop workstation with a client certificate (later issue).</summary>
    Workstation = 4,
}
