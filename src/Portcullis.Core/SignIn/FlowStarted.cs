using Portcullis.Core.Factors;

namespace Portcullis.Core.SignIn;

/// <summary>A flow waiting for a second factor: its handle (shown once) and the factors that can finish it.</summary>
public sealed record FlowStarted(string Handle, SignInFlow Flow, IReadOnlyList<Factor> Factors)
{
    public override string ToString() => $"FlowStarted {{ Flow = {Flow.Id} }}";
}
