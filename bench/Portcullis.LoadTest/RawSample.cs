namespace Portcullis.LoadTest;

/// <summary>One raw hashing phase.</summary>
public sealed record RawSample(long Hashes, double HashesPerSecond, CpuUse Cpu)
{
    /// <summary>CPU milliseconds one raw hash took (this process's CPU time over the hashes).</summary>
    public double CpuMillisecondsPerHash => Hashes == 0 ? double.NaN : 1000 * Cpu.HarnessSeconds / Hashes;
}
