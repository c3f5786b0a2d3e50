namespace Portcullis.LoadTest;

/// <summary>Prints the run as Markdown that can be pasted into docs/benchmarks.md.</summary>
public static class Report
{
    /// <summary>A round is quiet when other processes used less than this share of the machine in both phases.</summary>
    public const double QuietOthersPercent = 10;

    public static void Write(TextWriter output, MachineInfo machine, LoadTestSettings settings, IReadOnlyList<Round> rounds)
    {
        output.WriteLine();
        output.WriteLine("### Machine and settings");
        output.WriteLine();
        output.WriteLine($"- {machine.Cores} cores, {machine.CpuModel}; .NET SDK {machine.SdkVersion}, {machine.Runtime}; {machine.OperatingSystem}");
        output.WriteLine($"- {settings.Rounds} rounds of {settings.Duration.TotalSeconds:0} s raw Argon2id ({settings.HashThreads} threads) " +
            $"and {settings.Duration.TotalSeconds:0} s sign-in load ({settings.Concurrency} connections, {settings.Users} users, " +
            $"{(settings.NewDevices ? "a new device on every sign-in" : "returning devices")}), after {settings.Warmup.TotalSeconds:0} s of warm-up" +
            (settings.QuietBelow > 0 ? $"; each round waited for other processes to use under {settings.QuietBelow:0}% of the machine" : ""));
        output.WriteLine();
        output.WriteLine("### Rounds");
        output.WriteLine();
        output.WriteLine("| round | raw hashes/s | sign-ins/s | ratio | p50 ms | p95 ms | 429 busy | 429 throttled | 401 | other " +
            "| gate CPU | client CPU | others' CPU (raw / load) | steal | gate CPU ms per sign-in | CPU ms per raw hash |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rounds)
        {
            var s = r.SignIn;
            output.WriteLine($"| {r.Number} | {r.Raw.HashesPerSecond:0.0} | {s.SignInsPerSecond:0.0} | {r.Ratio:P1} | {s.P50Milliseconds:0} " +
                $"| {s.P95Milliseconds:0} | {s.Busy} | {s.Throttled} | {s.Unauthorized} | {s.Other} | {s.Cpu.GatePercent:0}% " +
                $"| {s.Cpu.HarnessPercent:0}% | {r.Raw.Cpu.OthersPercent:0}% / {s.Cpu.OthersPercent:0}% | {s.Cpu.StealPercent:0.0}% " +
                $"| {s.GateCpuMillisecondsPerSignIn:0.0} | {r.Raw.CpuMillisecondsPerHash:0.0} |");
        }

        var quiet = rounds.Where(IsQuiet).ToList();
        output.WriteLine();
        output.WriteLine("### Medians");
        output.WriteLine();
        output.WriteLine("| rounds | raw hashes/s | sign-ins/s | sign-ins/s ÷ raw hashes/s | p50 ms | p95 ms | 429 busy | 429 throttled " +
            "| gate CPU ms per sign-in | CPU ms per raw hash |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        output.WriteLine(Summary($"all {rounds.Count}", rounds));
        if (quiet.Count > 0 && quiet.Count < rounds.Count)
        {
            output.WriteLine(Summary($"{quiet.Count} quiet", quiet));
        }

        output.WriteLine();
        output.WriteLine("Ratios are medians of the per-round ratios (each round measures both, back to back). 429 counts are totals. " +
            $"A round is quiet when other processes used under {QuietOthersPercent:0}% of the machine in both of its phases.");
    }

    private static bool IsQuiet(Round round) =>
        round.Raw.Cpu.OthersPercent < QuietOthersPercent && round.SignIn.Cpu.OthersPercent < QuietOthersPercent;

    private static string Summary(string label, IReadOnlyList<Round> rounds) =>
        $"| {label} | {Stats.Median(rounds.Select(r => r.Raw.HashesPerSecond)):0.0} " +
        $"| {Stats.Median(rounds.Select(r => r.SignIn.SignInsPerSecond)):0.0} " +
        $"| **{Stats.Median(rounds.Select(r => r.Ratio)):P1}** " +
        $"| {Stats.Median(rounds.Select(r => r.SignIn.P50Milliseconds)):0} " +
        $"| {Stats.Median(rounds.Select(r => r.SignIn.P95Milliseconds)):0} " +
        $"| {rounds.Sum(r => r.SignIn.Busy)} " +
        $"| {rounds.Sum(r => r.SignIn.Throttled)} " +
        $"| {Stats.Median(rounds.Select(r => r.SignIn.GateCpuMillisecondsPerSignIn)):0.0} " +
        $"| {Stats.Median(rounds.Select(r => r.Raw.CpuMillisecondsPerHash)):0.0} |";
}
