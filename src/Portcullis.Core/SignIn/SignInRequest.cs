using System.Net;
using Portcullis.Core.Sessions;

namespace Portcullis.Core.SignIn;

/// <summary>A password sign-in as it arrived.</summary>
/// <param name="Username">As typed.</param>
/// <param name="Password">As typed; never logged.</param>
/// <param name="Client">How the session token will travel.</param>
/// <param name="DeviceToken">The recognition token of a device this client signed in from before, if it has one.</param>
/// <param name="DeviceName">A name for a new device, e.g. "Work laptop"; derived from the user agent when absent.</param>
/// <param name="Ip">The source address.</param>
/// <param name="UserAgent">The User-Agent header.</param>
public sealed record SignInRequest(
    string? Username,
    string? Password,
    SessionClient Client,
    string? DeviceToken,
    string? DeviceName,
    IPAddress? Ip,
    string? UserAgent)
{
    public override string ToString() => $"SignInRequest {{ Username = {Username}, Client = {Client}, Ip = {Ip} }}";
}
