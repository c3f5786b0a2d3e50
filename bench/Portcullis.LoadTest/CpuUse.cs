namespace Portcullis.LoadTest;

/// <summary>CPU use over one phase. Percentages are of all cores for the phase's wall time.</summary>
/// <param name="HarnessPercent">This process: the raw hashing threads, or the HTTP client.</param>
/// <param name="GatePercent">The gate's process.</param>
/// <param name="HarnessSeconds">CPU seconds of this process.</param>
/// <param name="GateSeconds">CPU seconds of the gate's process.</param>
/// <param name="MachineBusyPercent">The whole machine, every process (NaN where /proc/stat is missing).</param>
/// <param name="StealPercent">Time the hypervisor gave to other guests.</param>
public sealed record CpuUse(
    double HarnessPercent,
    double GatePercent,
    double HarnessSeconds,
    double GateSeconds,
    double MachineBusyPercent,
    double StealPercent)
{
    /// <summary>Every other process on the machine (other builds, tests, services): the noise in a phase.</summary>
    public double OthersPercent => double.IsNaN(MachineBusyPercent)
        ? double.NaN
        : Math.Max(0, MachineBusyPercent - HarnessPercent - (double.IsNaN(GatePercent) ? 0 : GatePercent));
}
