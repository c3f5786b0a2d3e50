namespace Portcullis.LoadTest.Signed;

/// <summary>What one run of the signed scenarios does (<c>--scenario signed</c>; see <c>--help</c>).</summary>
/// <param name="Repository">The repository root (holds Portcullis.slnx).</param>
/// <param name="GateAssembly">The gate's <c>portcullis.dll</c>, run with <c>dotnet</c>.</param>
/// <param name="Build">Build the gate in Release before the run.</param>
/// <param name="Duration">How long each scenario is measured in each round.</param>
/// <param name="Warmup">Uncounted load per scenario before the first round.</param>
/// <param name="Rounds">How many rounds; each runs every scenario once, back to back, in an order that rotates.</param>
/// <param name="Concurrency">Concurrent connections per scenario.</param>
/// <param name="QuietBelow">Before each round, wait until other processes use less than this percentage of the machine (0: do not wait).</param>
/// <param name="QuietTimeout">How long to wait for quiet before going ahead anyway.</param>
/// <param name="AuditAllowedReads">Run the gate with <c>Policy:AuditAllowedReads=true</c>: every allowed read writes <c>policy.decided</c>.</param>
/// <param name="Scenarios">The scenarios to measure besides the bare endpoint, which always runs (empty: all).</param>
public sealed record SignedSettings(
    string Repository,
    string GateAssembly,
    bool Build,
    TimeSpan Duration,
    TimeSpan Warmup,
    int Rounds,
    int Concurrency,
    double QuietBelow,
    TimeSpan QuietTimeout,
    bool AuditAllowedReads,
    IReadOnlyList<string> Scenarios);
