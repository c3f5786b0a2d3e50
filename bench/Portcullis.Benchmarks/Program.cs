using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// --cpu-probe [N]: CPU time per store operation of a sign-in (SignIn/StorageCpuProbe.cs), not a BenchmarkDotNet run.
if (args.Length > 0 && args[0] == "--cpu-probe")
{
    var perBatch = args.Length > 1 && int.TryParse(args[1], out var n) && n > 0 ? n : 2000;
    await Portcullis.Benchmarks.SignIn.StorageCpuProbe.RunAsync(perBatch, Console.Out);
    return;
}

// Every benchmark class carries its own short job; pass BenchmarkDotNet's options through, e.g. --filter '*'.
// BenchmarkDotNet builds a project of its own around these benchmarks, which compiles the gate again: on a
// busy two-core machine that can take longer than its default limit of two minutes.
var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
BenchmarkSwitcher.FromAssembly(typeof(Portcullis.Benchmarks.BenchGate).Assembly).Run(args, config);
