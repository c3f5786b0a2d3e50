using Portcullis.Core.Devices;
using Portcullis.Core.Sessions;
using Portcullis.Core.Users;

namespace Portcullis.Core.SignIn;

/// <summary>A completed sign-in. The tokens are handed to the client once and never stored.</summary>
/// <param name="NewDeviceToken">Set when this sign-in registered a new device: the client keeps it for next time.</param>
public sealed record SignInSuccess(User User, Session Session, string SessionToken, Device Device, string? NewDeviceToken)
{
    public override string ToString() => $"SignInSuccess {{ User = {User.Id}, Session = {Session.Id} }}";
}
