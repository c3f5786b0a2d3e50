using Portcullis.Core.Factors;

namespace Portcullis.Core.Policy;

/// <summary>One second-factor proof recorded on a session: its class and when it was made.</summary>
public readonly record struct PolicyProof(FactorClass Class, DateTimeOffset At);
