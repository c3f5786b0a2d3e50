namespace Portcullis.Core.Factors.Push;

/// <summary>A push waiting on an authenticator: show <see cref="PushChallenge.Number"/> to the person signing in.</summary>
public sealed record PushSent(PushChallenge Challenge, string DeviceName)
{
    public override string ToString() => $"PushSent {{ Challenge = {Challenge.Id} }}";
}
