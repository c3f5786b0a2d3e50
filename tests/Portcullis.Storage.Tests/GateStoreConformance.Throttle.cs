using Portcullis.Core.Audit;
using Portcullis.Core.Persistence;

namespace Portcullis.Storage.Tests;

public abstract partial class GateStoreConformance
{
    private const string ThrottleKey = "ip:192.0.2.10";

    [SkippableFact]
    public async Task LockThrottle_WithoutBegin_ThrowsAndCreatesNoRow()
    {
        await using (var unit = await Store.OpenAsync(Ct))
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => unit.Throttle.LockAsync(ThrottleKey, Ct));
            await unit.CommitAsync(Ct);
        }

        Assert.Null(await ReadAsync(u => u.Throttle.FindAsync(ThrottleKey, Ct)));
    }

    [SkippableFact]
    public async Task LockThrottle_OnNewKey_CreatesZeroCounter()
    {
        Assert.Null(await ReadAsync(u => u.Throttle.FindAsync(ThrottleKey, Ct)));

        await using (var unit = await Store.OpenAsync(Ct))
        {
            await unit.BeginAsync(Ct);
            var counter = await unit.Throttle.LockAsync(ThrottleKey, Ct);
            Assert.Equal((ThrottleKey, 0, null, null), (counter.Key, counter.Failures, counter.NextAttemptAt, counter.LastFailureAt));
            await unit.CommitAsync(Ct);
        }

        var stored = await ReadAsync(u => u.Throttle.FindAsync(ThrottleKey, Ct));
        Assert.Equal((0, null, null), (stored?.Failures, stored?.NextAttemptAt, stored?.LastFailureAt));
    }

    [SkippableFact]
    public async Task LockThrottle_ChangedAndCommitted_IsSaved()
    {
        await using (var unit = await Store.OpenAsync(Ct))
        {
            await unit.BeginAsync(Ct);
            var counter = await unit.Throttle.LockAsync(ThrottleKey, Ct);
            counter.Failures = 3;
            counter.LastFailureAt = Start;
            counter.NextAttemptAt = Start.AddSeconds(4);
            await unit.CommitAsync(Ct);
        }

        var stored = await ReadAsync(u => u.Throttle.FindAsync(ThrottleKey, Ct));
        Assert.Equal((3, Start.AddSeconds(4), Start), (stored?.Failures, stored?.NextAttemptAt, stored?.LastFailureAt));
    }

    [SkippableFact]
    public async Task ThrottleCharge_CommittedVisibly_IsSeenAtOnce_AndTheUnitGoesOnToCommitItsOutcome()
    {
        await using (var unit = await Store.OpenAsync(Ct))
        {
            await unit.BeginAsync(Ct);
            var counter = await unit.Throttle.LockAsync(ThrottleKey, Ct);
            counter.Failures = 1;
            counter.LastFailureAt = Start;
            await unit.CommitVisibleAsync(Ct);

            // Another unit (another request) sees the charge before this one commits again.
            var seen = await ReadAsync(u => u.Throttle.FindAsync(ThrottleKey, Ct));
            Assert.Equal((1, Start), (seen?.Failures, seen?.LastFailureAt));

            unit.Audit.Append(NewRecord(1, AuditEventTypes.SignInFailed));
            await unit.CommitAsync(Ct);
        }

        var audit = await ReadAuditAsync();
        Assert.Equal(AuditEventTypes.SignInFailed, Assert.Single(audit).Type);
        Assert.Equal(1, (await ReadAsync(u => u.Throttle.FindAsync(ThrottleKey, Ct)))?.Failures);
    }

    [SkippableFact]
    public async Task LockThrottle_DisposedWithoutCommit_LeavesNoRow()
    {
        await using (var unit = await Store.OpenAsync(Ct))
        {
            await unit.BeginAsync(Ct);
            var counter = await unit.Throttle.LockAsync(ThrottleKey, Ct);
            counter.Failures = 3;
        }

        Assert.Null(await ReadAsync(u => u.Throttle.FindAsync(ThrottleKey, Ct)));
    }

    [SkippableFact]
    public async Task ResetThrottle_DeletesCounterAtOnce()
    {
        await IncrementThrottleAsync(ThrottleKey);

        await using (var unit = await Store.OpenAsync(Ct))
        {
            await unit.Throttle.ResetAsync([ThrottleKey], Ct);
        }

        Assert.Null(await ReadAsync(u => u.Throttle.FindAsync(ThrottleKey, Ct)));
    }

    [SkippableFact]
    public async Task ResetThrottle_InsideTransactionDisposedWithoutCommit_IsRolledBack()
    {
        await IncrementThrottleAsync(ThrottleKey);

        await using (var unit = await Store.OpenAsync(Ct))
        {
            await unit.BeginAsync(Ct);
            await unit.Throttle.ResetAsync([ThrottleKey], Ct);
        }

        Assert.Equal(1, (await ReadAsync(u => u.Throttle.FindAsync(ThrottleKey, Ct)))?.Failures);
    }

    [SkippableFact]
    public async Task ResetThrottle_AfterLockInSameUnit_LeavesNoRowOnCommit()
    {
        await IncrementThrottleAsync(ThrottleKey);

        await using (var unit = await Store.OpenAsync(Ct))
        {
            await unit.BeginAsync(Ct);
            var counter = await unit.Throttle.LockAsync(ThrottleKey, Ct);
            counter.Failures++;
            await unit.Throttle.ResetAsync([ThrottleKey], Ct);
            await unit.CommitAsync(Ct);
        }

        Assert.Null(await ReadAsync(u => u.Throttle.FindAsync(ThrottleKey, Ct)));
    }

    [SkippableFact]
    public async Task ResetThrottle_LeavesOtherKeys()
    {
        await IncrementThrottleAsync(ThrottleKey);
        await IncrementThrottleAsync("ip:192.0.2.11");

        await using (var unit = await Store.OpenAsync(Ct))
        {
            await unit.Throttle.ResetAsync([ThrottleKey], Ct);
        }

        Assert.Equal(1, (await ReadAsync(u => u.Throttle.FindAsync("ip:192.0.2.11", Ct)))?.Failures);
    }

    /// <summary>
    /// Sign-ins of one user on two nodes: one holds the user's counter and then resets it (a success) while
    /// the other waits to lock it (the next attempt's charge). The waiter must get a counter, created afresh.
    /// </summary>
    [SkippableFact]
    public async Task LockThrottle_WhileAnotherUnitHoldsAndResetsIt_CreatesTheCounterAfresh()
    {
        await IncrementThrottleAsync(ThrottleKey);
        await using var holder = await Store.OpenAsync(Ct);
        await holder.BeginAsync(Ct);
        await holder.Throttle.LockAsync(ThrottleKey, Ct);

        var waiter = Task.Run(() => IncrementThrottleAsync(ThrottleKey), Ct);
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        await holder.Throttle.ResetAsync([ThrottleKey], Ct);
        await holder.CommitAsync(Ct);
        await waiter;

        Assert.Equal(1, (await ReadAsync(u => u.Throttle.FindAsync(ThrottleKey, Ct)))?.Failures);
    }

    [SkippableFact]
    public async Task ConcurrentThrottleIncrements_LoseNoUpdate()
    {
        const int Writers = 24;

        await RunAllAtOnceAsync(Writers, _ => IncrementThrottleAsync(ThrottleKey));

        Assert.Equal(Writers, (await ReadAsync(u => u.Throttle.FindAsync(ThrottleKey, Ct)))?.Failures);
    }

    [SkippableFact]
    public async Task ConcurrentThrottleIncrements_FromTwoStoresOnOneDatabase_LoseNoUpdate()
    {
        const int WritersPerStore = 12;
        IGateStore[] stores = [Store, BuildSecondStore()];

        await RunAllAtOnceAsync(2 * WritersPerStore, i => IncrementThrottleAsync(ThrottleKey, stores[i % 2]));

        Assert.Equal(2 * WritersPerStore, (await ReadAsync(u => u.Throttle.FindAsync(ThrottleKey, Ct)))?.Failures);
    }

    /// <summary>
    /// A unit may begin and commit again after a commit (CommitAsync ends its transaction); the counter it
    /// locks the second time must be the stored one, not what the unit read before.
    /// </summary>
    [SkippableFact]
    public async Task LockThrottleAgain_InUnitThatCommitted_SeesOtherUnitsIncrements()
    {
        await using var unit = await Store.OpenAsync(Ct);
        await unit.BeginAsync(Ct);
        (await unit.Throttle.LockAsync(ThrottleKey, Ct)).Failures++;
        await unit.CommitAsync(Ct);

        await IncrementThrottleAsync(ThrottleKey);
        await unit.BeginAsync(Ct);
        var counter = await unit.Throttle.LockAsync(ThrottleKey, Ct);
        counter.Failures++;
        await unit.CommitAsync(Ct);

        Assert.Equal(3, (await ReadAsync(u => u.Throttle.FindAsync(ThrottleKey, Ct)))?.Failures);
    }

    /// <summary>A counter changed again after its unit committed is saved by the unit's next commit, as tracked rows are.</summary>
    [SkippableFact]
    public async Task LockThrottle_ChangedAgainAfterCommit_IsSavedByTheNextCommit()
    {
        await using (var unit = await Store.OpenAsync(Ct))
        {
            await unit.BeginAsync(Ct);
            var counter = await unit.Throttle.LockAsync(ThrottleKey, Ct);
            counter.Failures = 1;
            await unit.CommitAsync(Ct);
            counter.Failures = 2;
            await unit.CommitAsync(Ct);
        }

        Assert.Equal(2, (await ReadAsync(u => u.Throttle.FindAsync(ThrottleKey, Ct)))?.Failures);
    }

    /// <summary>The hand-written statements store times as each provider's model does: to the microsecond, read back equal.</summary>
    [SkippableFact]
    public async Task LockThrottle_TimesRoundTripToTheMicrosecond()
    {
        var last = Start.AddTicks(1_234_560);
        await using (var unit = await Store.OpenAsync(Ct))
        {
            await unit.BeginAsync(Ct);
            var counter = await unit.Throttle.LockAsync(ThrottleKey, Ct);
            counter.LastFailureAt = last;
            counter.NextAttemptAt = last.AddMinutes(5);
            await unit.CommitAsync(Ct);
        }

        await using (var unit = await Store.OpenAsync(Ct))
        {
            await unit.BeginAsync(Ct);
            var locked = await unit.Throttle.LockAsync(ThrottleKey, Ct);
            Assert.Equal((last, last.AddMinutes(5)), (locked.LastFailureAt, locked.NextAttemptAt));
            Assert.Equal(TimeSpan.Zero, locked.LastFailureAt!.Value.Offset);
        }

        var stored = await ReadAsync(u => u.Throttle.FindAsync(ThrottleKey, Ct));
        Assert.Equal((last, last.AddMinutes(5)), (stored?.LastFailureAt, stored?.NextAttemptAt));
    }

    /// <summary>One read-modify-write, as the password gate does it: open, begin, lock, increment, commit.</summary>
    private async Task IncrementThrottleAsync(string key, IGateStore? store = null)
    {
        await using var unit = await (store ?? Store).OpenAsync(Ct);
        await unit.BeginAsync(Ct);
        var counter = await unit.Throttle.LockAsync(key, Ct);
        counter.Failures++;
        await unit.CommitAsync(Ct);
    }

    /// <summary>Starts <paramref name="count"/> workers on the thread pool, releases them together, and waits for all.</summary>
    private async Task RunAllAtOnceAsync(int count, Func<int, Task> work)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var workers = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await go.Task;
            await work(i);
        }, Ct)).ToList();
        go.SetResult();
        await Task.WhenAll(workers);
    }
}
