using Portcullis.Core.Sessions;

namespace Portcullis.Server.Api.Contracts;

/// <summary>POST /api/v1/sign-in.</summary>
/// <param name="Username">The username.</param>
/// <param name="Password">The password.</param>
/// <param name="Client"><c>native</c> (default): the session token comes back in the body for an Authorization
/// header. <c>browser</c>: it is set as an HttpOnly cookie and never shown to script.</param>
/// <param name="DeviceToken">Native clients: the <c>device_token</c> returned by an earlier sign-in.</param>
/// <param name="DeviceName">A name for this device if it is new, e.g. "Trading desk".</param>
public sealed record SignInBody(string? Username, string? Password, SessionClient? Client, string? DeviceToken, string? DeviceName)
{
    public override string ToString() => $"SignInBody {{ Username = {Username}, Client = {Client} }}";
}
