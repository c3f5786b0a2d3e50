namespace Portcullis.LoadTest;

/// <summary>One sign-in load phase. Only answers that arrived inside the window count.</summary>
/// <param name="Succeeded">200 answers.</param>
/// <param name="Busy">429 <c>signin.busy</c>: the hashing queue was full.</param>
/// <param name="Throttled">429 <c>signin.throttled</c> or <c>signin.locked</c>: failure throttling (should not happen).</param>
/// <param name="Unauthorized">401 answers (should not happen: every password is right).</param>
/// <param name="Other">Any other status, or a transport error.</param>
/// <param name="P50Milliseconds">Median latency of successful sign-ins.</param>
/// <param name="P95Milliseconds">95th percentile latency of successful sign-ins.</param>
/// <param name="FirstProblem">The first answer other than 200, e.g. "429 signin.busy", for diagnosis.</param>
public sealed record SignInSample(
    long Succeeded,
    double SignInsPerSecond,
    long Busy,
    long Throttled,
    long Unauthorized,
    long Other,
    double P50Milliseconds,
    double P95Milliseconds,
    string? FirstProblem,
    CpuUse Cpu)
{
    /// <summary>The gate's CPU milliseconds per successful sign-in.</summary>
    public double GateCpuMillisecondsPerSignIn => Succeeded == 0 ? double.NaN : 1000 * Cpu.GateSeconds / Succeeded;
}
