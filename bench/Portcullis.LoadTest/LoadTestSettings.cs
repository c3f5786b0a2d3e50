namespace Portcullis.LoadTest;

/// <summary>What one run of the harness does (see <c>--help</c>).</summary>
/// <param name="Repository">The repository root (holds Portcullis.slnx).</param>
/// <param name="GateAssembly">The gate's <c>portcullis.dll</c>, run with <c>dotnet</c>.</param>
/// <param name="Build">Build the gate in Release before the run.</param>
/// <param name="Duration">How long each measurement phase lasts.</param>
/// <param name="Warmup">Sign-in load before the first round, not counted.</param>
/// <param name="Rounds">How many pairs of measurements (raw hashing, sign-in load).</param>
/// <param name="Concurrency">Concurrent HTTP sign-in loops (one connection each).</param>
/// <param name="Users">Distinct users; each loop signs in as one of them.</param>
/// <param name="HashThreads">Threads for the raw Argon2id measurement (the gate hashes on one per core).</param>
/// <param name="NewDevices">Sign in as a new device every time instead of presenting the device token.</param>
/// <param name="QuietBelow">Before each round, wait until other processes use less than this percentage of the machine (0: do not wait).</param>
/// <param name="QuietTimeout">How long to wait for quiet before going ahead anyway.</param>
public sealed record LoadTestSettings(
    string Repository,
    string GateAssembly,
    bool Build,
    TimeSpan Duration,
    TimeSpan Warmup,
    int Rounds,
    int Concurrency,
    int Users,
    int HashThreads,
    bool NewDevices,
    double QuietBelow,
    TimeSpan QuietTimeout);
