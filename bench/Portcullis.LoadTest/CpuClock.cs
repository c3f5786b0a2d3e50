using System.Diagnostics;
using System.Globalization;

namespace Portcullis.LoadTest;

/// <summary>
/// CPU time of this process, of the gate's process and of the whole machine (from <c>/proc/stat</c> on Linux,
/// including time stolen by the hypervisor), read at the start and end of a measurement phase.
/// </summary>
public sealed class CpuClock
{
    private readonly Process? _gate;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly TimeSpan _self = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly TimeSpan _gateStart;
    private readonly long[]? _machine = ReadMachine();

    public CpuClock(Process? gate)
    {
        _gate = gate;
        _gateStart = GateTime();
    }

    /// <summary>What was used since this clock was created, each as a percentage of all cores for that time.</summary>
    public CpuUse Stop()
    {
        var wall = Stopwatch.GetElapsedTime(_started).TotalSeconds * Environment.ProcessorCount;
        var self = (Process.GetCurrentProcess().TotalProcessorTime - _self).TotalSeconds;
        var gate = _gate is null ? double.NaN : (GateTime() - _gateStart).TotalSeconds;
        double busy = double.NaN, steal = double.NaN;
        if (_machine is not null && ReadMachine() is { } end)
        {
            // user nice system idle iowait irq softirq steal
            var delta = end.Zip(_machine, (a, b) => (double)(a - b)).ToArray();
            var total = delta.Take(8).Sum();
            if (total > 0)
            {
                busy = 100 * (delta[0] + delta[1] + delta[2] + delta[5] + delta[6]) / total;
                steal = 100 * delta[7] / total;
            }
        }

        return new CpuUse(100 * self / wall, 100 * gate / wall, self, gate, busy, steal);
    }

    private TimeSpan GateTime()
    {
        if (_gate is null)
        {
            return TimeSpan.Zero;
        }

        try
        {
            _gate.Refresh();
            return _gate.TotalProcessorTime;
        }
        catch (InvalidOperationException)
        {
            return TimeSpan.Zero;
        }
    }

    private static long[]? ReadMachine()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal));
            var fields = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            return fields is { Length: 8 } ? fields : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
