namespace Portcullis.Core.SignIn;

public enum SignInFlowPurpose
{
    /// <summary>Ends with a new session.</summary>
    SignIn = 0,

    /// <summary>Ends with a fresh second-factor proof added to an existing session (and a new token).</summary>
    StepUp = 1,
}
