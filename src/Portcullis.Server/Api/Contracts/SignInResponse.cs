namespace Portcullis.Server.Api.Contracts;

/// <summary>
/// The answer to a sign-in step. <see cref="Status"/> is <c>signed_in</c> (a session was created) or
/// <c>second_factor_required</c> (finish <see cref="Flow"/> with one of its factors). <see cref="Token"/> and
/// <see cref="DeviceToken"/> are present for native clients only (browsers receive HttpOnly cookies); keep
/// them secret, like passwords.
/// </summary>
public sealed record SignInResponse(
    string Status,
    UserView? User,
    SessionView? Session,
    DeviceView? Device,
    string? Token,
    string? DeviceToken,
    FlowView? Flow)
{
    public const string SignedIn = "signed_in";
    public const string SecondFactorRequired = "second_factor_required";

    public override string ToString() => $"SignInResponse {{ Status = {Status}, Session = {Session?.Id} }}";
}
