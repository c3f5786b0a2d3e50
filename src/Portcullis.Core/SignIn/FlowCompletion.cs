using Portcullis.Core.Devices;
using Portcullis.Core.Sessions;
using Portcullis.Core.Users;

namespace Portcullis.Core.SignIn;

/// <summary>A flow that ended well: a new session (sign-in) or a stepped-up one with a new token.</summary>
/// <param name="NewDeviceToken">Set when the sign-in registered a new device.</param>
public sealed record FlowCompletion(
    SignInFlowPurpose Purpose,
    User User,
    Session Session,
    string SessionToken,
    Device? Device,
    string? NewDeviceToken)
{
    public override string ToString() => $"FlowCompletion {{ Purpose = {Purpose}, Session = {Session.Id} }}";
}
