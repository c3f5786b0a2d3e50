using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// Every benchmark class carries its own short job; pass BenchmarkDotNet's options through, e.g. --filter '*'.
// BenchmarkDotNet builds a project of its own around these benchmarks, which compiles the gate again: on a
// busy two-core machine that can take longer than its default limit of two minutes.
var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
BenchmarkSwitcher.FromAssembly(typeof(Portcullis.Benchmarks.BenchGate).Assembly).Run(args, config);
