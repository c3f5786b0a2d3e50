using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Audit;
using Portcullis.Core.Persistence;
using Portcullis.Core.Sessions;

namespace Portcullis.Benchmarks.SignIn;

/// <summary>
/// <c>--cpu-probe</c>: the process CPU time (user and kernel, from the OS) of the store operations a sign-in makes, one at a
/// time, and of a whole sign-in with a nearly free hash (m = 8 KiB, t = 1), over a fresh SQLite file. BenchmarkDotNet
/// measures wall time, which here is mostly the wait for <c>fsync</c>; CPU time is what competes with the hashing threads.
/// Each line is the median of five batches after a warm-up of its own.
/// </summary>
public static class StorageCpuProbe
{
    public static async Task RunAsync(int perBatch, TextWriter output)
    {
        await using var gate = await BenchGate.StartAsync(TimeProvider.System, (8, 1), CancellationToken.None);
        var first = await gate.SignInAsync(null, CancellationToken.None);
        var deviceToken = first.NewDeviceToken!;
        var tokenHash = SessionToken.Hash(deviceToken);
        var userId = first.User.Id;
        var store = gate.Services.GetRequiredService<IGateStore>();
        var none = CancellationToken.None;

        // Sign-ins first, so that the JIT has tiered up the code every operation below shares before any is measured.
        for (var i = 0; i < 3 * perBatch; i++)
        {
            await gate.SignInAsync(deviceToken, none);
        }

        output.WriteLine($"CPU per operation (µs, median of 5 batches of {perBatch}; kernel share in brackets)");
        await MeasureAsync(output, perBatch, "open and dispose a unit", async () =>
        {
            await using var unit = await store.OpenAsync(none);
        });
        await MeasureAsync(output, perBatch, "user by username", async () =>
        {
            await using var unit = await store.OpenAsync(none);
            await unit.Users.FindByUsernameAsync(BenchGate.Username, none);
        });
        await MeasureAsync(output, perBatch, "device by token hash", async () =>
        {
            await using var unit = await store.OpenAsync(none);
            await unit.Devices.FindByTokenHashAsync(tokenHash, none);
        });
        var sessionHash = SessionToken.Hash(first.SessionToken);
        await MeasureAsync(output, perBatch, "session by token hash", async () =>
        {
            await using var unit = await store.OpenAsync(none);
            await unit.Sessions.FindByTokenHashAsync(sessionHash, none);
        });
        await MeasureAsync(output, perBatch, "factors of a user", async () =>
        {
            await using var unit = await store.OpenAsync(none);
            await unit.Factors.ListForUserAsync(userId, none);
        });
        await MeasureAsync(output, perBatch, "lock two throttle counters, change, commit", async () =>
        {
            await using var unit = await store.OpenAsync(none);
            await unit.BeginAsync(none);
            (await unit.Throttle.LockAsync("probe:account", none)).Failures++;
            (await unit.Throttle.LockAsync("probe:network", none)).Failures++;
            await unit.CommitAsync(none);
        });
        await MeasureAsync(output, perBatch, "one audit event, commit", async () =>
        {
            await using var unit = await store.OpenAsync(none);
            unit.Audit.Append(new AuditRecord("probe.event", "ok", "user:probe", "session:probe", "127.0.0.1",
                new Dictionary<string, object?> { ["a"] = 1, ["b"] = "two" }));
            await unit.CommitAsync(none);
        });
        await MeasureAsync(output, perBatch, "whole sign-in, returning device", async () => await gate.SignInAsync(deviceToken, none));
    }

    private static async Task MeasureAsync(TextWriter output, int perBatch, string name, Func<Task> operation)
    {
        for (var i = 0; i < 3 * perBatch; i++)
        {
            await operation(); // warm-up: the JIT tiers the code up
        }

        var batches = new List<(double Total, double Kernel)>();
        using var process = Process.GetCurrentProcess();
        for (var batch = 0; batch < 5; batch++)
        {
            process.Refresh();
            var (total, kernel) = (process.TotalProcessorTime, process.PrivilegedProcessorTime);
            for (var i = 0; i < perBatch; i++)
            {
                await operation();
            }

            process.Refresh();
            batches.Add(((process.TotalProcessorTime - total).TotalMicroseconds / perBatch,
                (process.PrivilegedProcessorTime - kernel).TotalMicroseconds / perBatch));
        }

        var median = batches.OrderBy(b => b.Total).ElementAt(2);
        output.WriteLine(FormattableString.Invariant($"{name,-45} {median.Total,7:0} ({median.Kernel:0})"));
    }
}
