using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Portcullis.Core.Passwords;

/// <summary>
/// Argon2id (RFC 9106) through libsodium, stored as PHC strings so parameters can be raised later and
/// old hashes upgraded at the next sign-in. Passwords are NFKC-normalised before hashing
/// (NIST SP 800-63B-4 §3.1.1.2). libsodium supports parallelism 1 only, and a 16-byte salt.
/// </summary>
public sealed class Argon2idPasswordHasher
{
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const int Version = 0x13;

    private readonly int _memoryKiB;
    private readonly int _iterations;
    private readonly Argon2id _algorithm;
    private readonly byte[] _dummySalt = RandomNumberGenerator.GetBytes(SaltBytes);
    private readonly byte[] _dummyHash = RandomNumberGenerator.GetBytes(HashBytes);

    public Argon2idPasswordHasher(PasswordOptions options)
    {
        _memoryKiB = options.MemoryKiB;
        _iterations = options.Iterations;
        _algorithm = Create(_memoryKiB, _iterations);
    }

    /// <summary>Hashes a password with a fresh random salt and returns its PHC string.</summary>
    public string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var digest = Derive(_algorithm, password, salt, HashBytes);
        return new PhcHash(Version, _memoryKiB, _iterations, 1, salt, digest).ToString();
    }

    /// <summary>Checks a password against a PHC string in constant time with respect to the digest.</summary>
    public PasswordVerification Verify(string password, string phc)
    {
        if (!PhcHash.TryParse(phc, out var stored) || stored!.Parallelism != 1 || stored.Version != Version ||
            stored.Salt.Length != SaltBytes)
        {
            // A malformed stored hash is a data problem, never a match; still spend the same time.
            VerifyDummy(password);
            return PasswordVerification.Failed;
        }

        var algorithm = stored.MemoryKiB == _memoryKiB && stored.Iterations == _iterations
            ? _algorithm
            : Create(stored.MemoryKiB, stored.Iterations);
        var digest = Derive(algorithm, password, stored.Salt, stored.Hash.Length);
        if (!CryptographicOperations.FixedTimeEquals(digest, stored.Hash))
        {
            return PasswordVerification.Failed;
        }

        return NeedsRehash(stored) ? PasswordVerification.SucceededRehashNeeded : PasswordVerification.Succeeded;
    }

    /// <summary>
    /// Spends the cost of one verification with the current parameters and always fails: used for
    /// unknown usernames so that their answer takes as long as a known user's.
    /// </summary>
    public bool VerifyDummy(string password)
    {
        var digest = Derive(_algorithm, password, _dummySalt, HashBytes);
        return CryptographicOperations.FixedTimeEquals(digest, _dummyHash) && false;
    }

    private bool NeedsRehash(PhcHash stored) =>
        stored.MemoryKiB != _memoryKiB || stored.Iterations != _iterations || stored.Hash.Length != HashBytes;

    private static Argon2id Create(int memoryKiB, int iterations)
    {
        var parameters = new Argon2Parameters
        {
            DegreeOfParallelism = 1,
            MemorySize = memoryKiB,
            NumberOfPasses = iterations,
        };
        return PasswordBasedKeyDerivationAlgorithm.Argon2id(parameters);
    }

    private static byte[] Derive(PasswordBasedKeyDerivationAlgorithm algorithm, string password, byte[] salt, int length)
    {
        var normalized = password.Normalize(NormalizationForm.FormKC);
        var bytes = Encoding.UTF8.GetBytes(normalized);
        try
        {
            return algorithm.DeriveBytes(bytes, salt, length);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
