namespace Portcullis.Core.SignIn;

public enum SignInFlowState
{
    AwaitingSecondFactor = 0,
    Completed = 1,

    /// <summary>Too many failed second-factor attempts, or a push denied ("this wasn't me").</summary>
    Failed = 2,
}
