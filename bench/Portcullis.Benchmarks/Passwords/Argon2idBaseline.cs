using System.Text;
using NSec.Cryptography;
using Portcullis.Core.Passwords;

namespace Portcullis.Benchmarks.Passwords;

/// <summary>
/// Raw Argon2id through NSec (libsodium), by default with OWASP's parameters, m = 19 MiB, t = 2, p = 1, on a
/// password already encoded and a fixed salt: the floor that every password check of the gate pays.
/// </summary>
public sealed class Argon2idBaseline
{
    public const int MemoryKiB = 19456;
    public const int Iterations = 2;

    private readonly Argon2id _algorithm;
    private readonly byte[] _password = Encoding.UTF8.GetBytes(BenchGate.Password);
    private readonly byte[] _salt = new byte[16];
    private readonly byte[] _output = new byte[32];

    /// <summary>The gate's default parameters, which must still be <see cref="MemoryKiB"/> and <see cref="Iterations"/>.</summary>
    public Argon2idBaseline()
        : this(MemoryKiB, Iterations)
    {
        // The comparison is only fair while the gate hashes with the same parameters.
        var defaults = new PasswordOptions();
        if (defaults.MemoryKiB != MemoryKiB || defaults.Iterations != Iterations)
        {
            throw new InvalidOperationException(
                $"PasswordOptions defaults (m={defaults.MemoryKiB}, t={defaults.Iterations}) differ from the baseline (m={MemoryKiB}, t={Iterations}).");
        }
    }

    public Argon2idBaseline(int memoryKiB, int iterations)
    {
        _algorithm = PasswordBasedKeyDerivationAlgorithm.Argon2id(new Argon2Parameters
        {
            DegreeOfParallelism = 1,
            MemorySize = memoryKiB,
            NumberOfPasses = iterations,
        });
    }

    /// <summary>One derivation; returns the first output byte so that the work cannot be elided.</summary>
    public byte Derive()
    {
        _algorithm.DeriveBytes(_password, _salt, _output);
        return _output[0];
    }
}
