namespace Portcullis.Core.Policy;

/// <summary>One proof recorded on a session (a password or a second factor): its class and when it was made.</summary>
public readonly record struct PolicyProof(ProofClass Class, DateTimeOffset At);
