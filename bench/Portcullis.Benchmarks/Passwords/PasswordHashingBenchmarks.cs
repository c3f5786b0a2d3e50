using BenchmarkDotNet.Attributes;
using Portcullis.Core.Passwords;

namespace Portcullis.Benchmarks.Passwords;

/// <summary>
/// <see cref="Argon2idPasswordHasher"/> against raw Argon2id with the same parameters: what the PHC string
/// format, NFKC normalisation, salt generation and the constant-time compare add.
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class PasswordHashingBenchmarks
{
    private readonly Argon2idBaseline _raw = new();
    private readonly Argon2idPasswordHasher _hasher = new(new PasswordOptions());
    private string _phc = null!;

    [GlobalSetup]
    public void Setup() => _phc = _hasher.Hash(BenchGate.Password);

    [Benchmark(Baseline = true, Description = "Raw Argon2id (NSec)")]
    public byte RawArgon2id() => _raw.Derive();

    [Benchmark(Description = "Argon2idPasswordHasher.Hash")]
    public string Hash() => _hasher.Hash(BenchGate.Password);

    [Benchmark(Description = "Argon2idPasswordHasher.Verify")]
    public PasswordVerification Verify() => _hasher.Verify(BenchGate.Password, _phc);
}
