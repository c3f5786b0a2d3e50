namespace Portcullis.LoadTest.Signed;

/// <summary>One measured phase of one scenario. Only answers that arrived inside the window count.</summary>
/// <param name="Succeeded">2xx answers.</param>
/// <param name="Errors">Every other answer by status and problem code (e.g. "403 apikey.limit_exceeded"), and transport errors.</param>
/// <param name="P50Milliseconds">Latency percentiles of the 2xx answers (nearest rank).</param>
public sealed record ScenarioSample(
    long Succeeded,
    double RequestsPerSecond,
    IReadOnlyDictionary<string, long> Errors,
    double P50Milliseconds,
    double P95Milliseconds,
    double P99Milliseconds,
    CpuUse Cpu)
{
    public long ErrorCount => Errors.Values.Sum();

    /// <summary>The server's CPU milliseconds per 2xx answer.</summary>
    public double ServerCpuMillisecondsPerRequest => Succeeded == 0 ? double.NaN : 1000 * Cpu.GateSeconds / Succeeded;

    /// <summary>The harness's (the client's: building, signing, sending, reading) CPU milliseconds per 2xx answer.</summary>
    public double ClientCpuMillisecondsPerRequest => Succeeded == 0 ? double.NaN : 1000 * Cpu.HarnessSeconds / Succeeded;
}
