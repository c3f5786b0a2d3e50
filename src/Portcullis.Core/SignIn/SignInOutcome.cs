namespace Portcullis.Core.SignIn;

/// <summary>What a correct password leads to: a session at once, or a flow awaiting a second factor.</summary>
public sealed record SignInOutcome(SignInSuccess? Session, FlowStarted? SecondFactor);
