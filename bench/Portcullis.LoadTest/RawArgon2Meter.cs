using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Portcullis.LoadTest;

/// <summary>
/// Raw Argon2id hashes per second: NSec (libsodium) with the gate's default parameters (m = 19 MiB, t = 2,
/// p = 1), on dedicated threads that do nothing else, as the gate's hashing pool does. A hash counts when
/// it ends inside the window.
/// </summary>
public static class RawArgon2Meter
{
    public const int MemoryKiB = 19456;
    public const int Iterations = 2;

    private static readonly Argon2id Algorithm = PasswordBasedKeyDerivationAlgorithm.Argon2id(new Argon2Parameters
    {
        DegreeOfParallelism = 1,
        MemorySize = MemoryKiB,
        NumberOfPasses = Iterations,
    });

    public static RawSample Measure(int threads, TimeSpan duration, Process? gate)
    {
        var counts = new long[threads];
        var workers = new Thread[threads];
        using var go = new ManualResetEventSlim();
        long deadline = 0;
        for (var i = 0; i < threads; i++)
        {
            var index = i;
            workers[i] = new Thread(() =>
            {
                var password = Encoding.UTF8.GetBytes($"raw-argon2id-baseline-{index}");
                var salt = RandomNumberGenerator.GetBytes(16);
                Span<byte> output = stackalloc byte[32];
                go.Wait();
                while (true)
                {
                    Algorithm.DeriveBytes(password, salt, output);
                    if (Stopwatch.GetTimestamp() > Volatile.Read(ref deadline))
                    {
                        break;
                    }

                    counts[index]++;
                }
            })
            { IsBackground = true, Name = $"raw-argon2id-{i}" };
            workers[i].Start();
        }

        var cpu = new CpuClock(gate);
        var started = Stopwatch.GetTimestamp();
        Volatile.Write(ref deadline, started + (long)(duration.TotalSeconds * Stopwatch.Frequency));
        go.Set();
        foreach (var worker in workers)
        {
            worker.Join();
        }

        var use = cpu.Stop();
        var hashes = counts.Sum();
        return new RawSample(hashes, hashes / duration.TotalSeconds, use);
    }
}
