namespace Portcullis.LoadTest.Signed;

/// <summary>Prints the signed scenarios' run as Markdown that can be pasted into docs/benchmarks.md.</summary>
public static class SignedReport
{
    /// <summary>Issue 7: p99 at most this at 64 connections.</summary>
    public const double P99TargetMilliseconds = 50;

    public static void Write(TextWriter output, MachineInfo machine, SignedSettings settings, IReadOnlyList<Scenario> scenarios,
        IReadOnlyList<SignedRound> rounds)
    {
        output.WriteLine();
        output.WriteLine("### Machine and settings");
        output.WriteLine();
        output.WriteLine($"- {machine.Cores} cores, {machine.CpuModel}; .NET SDK {machine.SdkVersion}, {machine.Runtime}; {machine.OperatingSystem}");
        output.WriteLine($"- {settings.Rounds} rounds; each measures every scenario for {settings.Duration.TotalSeconds:0} s, back to back, " +
            $"starting with the next scenario each round; {settings.Concurrency} connections per scenario (HTTP/1.1 keep-alive, loopback), " +
            $"after {settings.Warmup.TotalSeconds:0} s of warm-up per scenario" +
            (settings.QuietBelow > 0 ? $"; each round waited for other processes to use under {settings.QuietBelow:0}% of the machine" : ""));
        output.WriteLine("- gate: `portcullis demo` (Release) on a fresh SQLite store (WAL, group commit as shipped: `synchronous=NORMAL` and a shared log flush before each answer), default policy, " +
            $"`Policy:AuditAllowedReads={(settings.AuditAllowedReads ? "true" : "false")}`; bare endpoint: Kestrel and routing, " +
            "`GET /bare` answering a small JSON object, a process of its own");
        output.WriteLine();
        output.WriteLine("### Rounds");
        output.WriteLine();
        output.WriteLine("| round | scenario | requests/s | ÷ bare | p50 ms | p95 ms | p99 ms | errors | server CPU | client CPU | others' CPU | steal " +
            "| server CPU ms/request | client CPU ms/request |");
        output.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var round in rounds)
        {
            foreach (var id in round.Order)
            {
                var s = round.Samples[id];
                output.WriteLine($"| {round.Number} | {id} | {s.RequestsPerSecond:0} | {round.Ratio(id):0.000} | {s.P50Milliseconds:0.0} " +
                    $"| {s.P95Milliseconds:0.0} | {s.P99Milliseconds:0.0} | {s.ErrorCount} | {s.Cpu.GatePercent:0}% | {s.Cpu.HarnessPercent:0}% " +
                    $"| {s.Cpu.OthersPercent:0}% | {s.Cpu.StealPercent:0.0}% | {s.ServerCpuMillisecondsPerRequest:0.000} " +
                    $"| {s.ClientCpuMillisecondsPerRequest:0.000} |");
            }
        }

        output.WriteLine();
        output.WriteLine("### Medians");
        output.WriteLine();
        output.WriteLine("| scenario | requests/s | ÷ bare | target | p50 ms | p95 ms | p99 ms | p99 ≤ 50 ms | errors | server CPU ms/request " +
            "| client CPU ms/request |");
        output.WriteLine("|---|---:|---:|---|---:|---:|---:|---|---:|---:|---:|");
        foreach (var scenario in scenarios)
        {
            var samples = rounds.Select(r => r.Samples[scenario.Id]).ToList();
            var ratio = Stats.Median(rounds.Select(r => r.Ratio(scenario.Id)));
            var p99 = Stats.Median(samples.Select(s => s.P99Milliseconds));
            var target = scenario.Target is { } t ? $"≥ {t:0.00}×: {(ratio >= t ? "met" : "**not met**")}" : "baseline";
            var latency = scenario.LatencyTarget ? (p99 <= P99TargetMilliseconds ? "met" : "**not met**") : "-";
            output.WriteLine($"| {scenario.Id}: {scenario.Title} | {Stats.Median(samples.Select(s => s.RequestsPerSecond)):0} | **{ratio:0.000}** | {target} " +
                $"| {Stats.Median(samples.Select(s => s.P50Milliseconds)):0.0} | {Stats.Median(samples.Select(s => s.P95Milliseconds)):0.0} " +
                $"| {p99:0.0} | {latency} | {samples.Sum(s => s.ErrorCount)} | {Stats.Median(samples.Select(s => s.ServerCpuMillisecondsPerRequest)):0.000} " +
                $"| {Stats.Median(samples.Select(s => s.ClientCpuMillisecondsPerRequest)):0.000} |");
        }

        output.WriteLine();
        var failed = scenarios
            .Select(s => (s.Id, Errors: rounds.SelectMany(r => r.Samples[s.Id].Errors).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Value))))
            .Where(e => e.Errors.Count > 0)
            .ToList();
        output.WriteLine(failed.Count == 0
            ? "No errors: every answer in every measured window was a 2xx."
            : "**This run had errors** (answers other than 2xx in measured windows): " + string.Join("; ", failed.Select(f =>
                $"{f.Id}: " + string.Join(", ", f.Errors.OrderByDescending(e => e.Value).Select(e => $"{e.Value} × {e.Key}")))) + ".");
        output.WriteLine();
        output.WriteLine("Requests/s count 2xx answers only; latencies are of 2xx answers. Ratios are medians of the per-round ratios (each round " +
            "measures the bare endpoint and the scenario minutes apart at most); the other columns are medians of the rounds, errors totals. " +
            "Server CPU is the bare endpoint's or the gate's process; client CPU is this harness (building, signing and sending requests, " +
            "reading answers) on the same cores.");
    }
}
