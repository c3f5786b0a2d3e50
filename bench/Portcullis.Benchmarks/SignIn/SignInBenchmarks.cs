using BenchmarkDotNet.Attributes;
using Portcullis.Benchmarks.Passwords;
using Portcullis.Core.SignIn;

namespace Portcullis.Benchmarks.SignIn;

/// <summary>
/// One password sign-in through <see cref="SignInService"/> without HTTP, one at a time, against raw
/// Argon2id with the same parameters: the latency that the hashing queue, the two SQLite write transactions
/// (charge, then session + audit) and the reads add to the hash. With <see cref="HashCost.Minimal"/> the hash
/// is nearly free and the difference is the sign-in's own work. A returning native client: it presents the
/// device token of an earlier sign-in, so no device is registered. Each call adds a session row.
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class SignInBenchmarks
{
    private Argon2idBaseline _raw = null!;
    private BenchGate _gate = null!;
    private string _deviceToken = null!;

    [Params(HashCost.Default, HashCost.Minimal)]
    public HashCost Hash { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        (int MemoryKiB, int Iterations)? cost = Hash == HashCost.Minimal ? (1024, 1) : null;
        _raw = cost is { } c ? new Argon2idBaseline(c.MemoryKiB, c.Iterations) : new Argon2idBaseline();
        _gate = await BenchGate.StartAsync(TimeProvider.System, cost, CancellationToken.None);
        _deviceToken = (await _gate.SignInAsync(null, CancellationToken.None)).NewDeviceToken
            ?? throw new InvalidOperationException("The first sign-in registered no device.");
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _gate.DisposeAsync();

    [Benchmark(Baseline = true, Description = "Raw Argon2id (NSec)")]
    public byte RawArgon2id() => _raw.Derive();

    [Benchmark(Description = "SignInService.SignInAsync")]
    public Task<SignInSuccess> SignInAsync() => _gate.SignInAsync(_deviceToken, CancellationToken.None);
}
