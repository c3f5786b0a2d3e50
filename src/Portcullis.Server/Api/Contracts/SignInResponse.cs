namespace Portcullis.Server.Api.Contracts;

/// <summary>
/// A successful sign-in. <see cref="Token"/> and <see cref="DeviceToken"/> are present for native clients
/// only (browsers receive them as HttpOnly cookies); keep them secret, like passwords.
/// </summary>
public sealed record SignInResponse(UserView User, SessionView Session, DeviceView Device, string? Token, string? DeviceToken)
{
    public override string ToString() => $"SignInResponse {{ User = {User.Id}, Session = {Session.Id} }}";
}
