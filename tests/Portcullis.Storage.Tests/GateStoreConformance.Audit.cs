using Portcullis.Core.Audit;
using Portcullis.Core.Persistence;

namespace Portcullis.Storage.Tests;

public abstract partial class GateStoreConformance
{
    [SkippableFact]
    public async Task AuditCommits_ChainRowsFromOneWithLinksAndHead()
    {
        await CommitAsync(u =>
        {
            u.Audit.Append(NewRecord(1));
            u.Audit.Append(NewRecord(2));
        });
        Time.Advance(TimeSpan.FromSeconds(1));
        await CommitAsync(u => u.Audit.Append(NewRecord(3)));
        Time.Advance(TimeSpan.FromSeconds(1));
        await CommitAsync(u =>
        {
            u.Audit.Append(NewRecord(4));
            u.Audit.Append(NewRecord(5));
        });

        var rows = await ReadAuditAsync();
        var head = await ReadAsync(u => u.Audit.GetHeadAsync(Ct));

        Assert.Equal([1L, 2, 3, 4, 5], rows.Select(r => r.Sequence));
        Assert.Equal(["user:1", "user:2", "user:3", "user:4", "user:5"], rows.Select(r => r.Subject));
        Assert.Equal(AuditChain.Genesis, rows[0].PreviousHash);
        Assert.All(rows.Skip(1), r => Assert.Equal(rows[(int)r.Sequence - 2].Hash, r.PreviousHash));
        Assert.All(rows, r => Assert.Equal(AuditChain.ComputeHash(r), r.Hash));
        Assert.Equal((5L, Convert.ToHexString(rows[4].Hash)), (head!.Sequence, Convert.ToHexString(head.Hash)));
    }

    [SkippableFact]
    public async Task AuditCommit_StoresRecordFieldsAndTimeInMilliseconds()
    {
        Time.SetUtcNow(Start.AddTicks(1_234_567));
        var record = new AuditRecord(AuditEventTypes.SignInFailed, "bad_password", Actors.Anonymous, "user:42", "2001:db8::1",
            new Dictionary<string, object?> { ["client"] = "native", ["device_id"] = null });

        await CommitAsync(u => u.Audit.Append(record));

        var row = Assert.Single(await ReadAuditAsync());
        Assert.Equal(
            (AuditEventTypes.SignInFailed, "bad_password", Actors.Anonymous, "user:42", "2001:db8::1", """{"client":"native","device_id":null}"""),
            (row.Type, row.Code, row.Actor, row.Subject, row.Ip, row.Data));
        Assert.Equal((Start.AddMilliseconds(123).UtcTicks, TimeSpan.Zero), (row.At.UtcTicks, row.At.Offset));
    }

    [SkippableFact]
    public async Task AuditCommit_KeepsNullSubjectAndIp()
    {
        await CommitAsync(u => u.Audit.Append(new AuditRecord(AuditEventTypes.StoreInitialised, "ok", Actors.System)));

        var row = Assert.Single(await ReadAuditAsync());
        Assert.Equal((null, null, "{}"), (row.Subject, row.Ip, row.Data));
        Assert.True((await VerifyAuditAsync()).IsIntact);
    }

    [SkippableFact]
    public async Task ChangeAndItsAudit_AreWrittenByOneCommit()
    {
        var alice = NewUser("alice");

        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.Audit.Append(NewRecord(1));
        });

        Assert.NotNull(await ReadAsync(u => u.Users.FindAsync(alice.Id, Ct)));
        Assert.Single(await ReadAuditAsync());
    }

    [SkippableFact]
    public async Task UnitDisposedWithoutCommit_WritesNeitherChangeNorAudit()
    {
        var alice = NewUser("alice");

        await using (var unit = await Store.OpenAsync(Ct))
        {
            unit.Users.Add(alice);
            unit.Audit.Append(NewRecord(1));
        }

        Assert.Null(await ReadAsync(u => u.Users.FindAsync(alice.Id, Ct)));
        Assert.Empty(await ReadAuditAsync());
        Assert.Equal(0, (await ReadAsync(u => u.Audit.GetHeadAsync(Ct)))?.Sequence);
    }

    [SkippableFact]
    public async Task UnitBegunAndDisposedWithoutCommit_WritesNeitherChangeNorAudit()
    {
        await using (var unit = await Store.OpenAsync(Ct))
        {
            await unit.BeginAsync(Ct);
            var counter = await unit.Throttle.LockAsync(ThrottleKey, Ct);
            counter.Failures = 1;
            unit.Audit.Append(NewRecord(1));
        }

        Assert.Null(await ReadAsync(u => u.Throttle.FindAsync(ThrottleKey, Ct)));
        Assert.Empty(await ReadAuditAsync());
    }

    [SkippableFact]
    public async Task ConcurrentAuditCommits_ProduceOneContiguousIntactChain()
    {
        const int Writers = 24;

        await RunAllAtOnceAsync(Writers, async i =>
        {
            await using var unit = await Store.OpenAsync(Ct);
            unit.Audit.Append(NewRecord(i));
            await unit.CommitAsync(Ct);
        });

        var verification = await VerifyAuditAsync();
        Assert.True(verification.IsIntact, verification.Detail);
        Assert.Equal(Writers, verification.Count);
        var rows = await ReadAuditAsync();
        Assert.Equal(Enumerable.Range(1, Writers).Select(n => (long)n), rows.Select(r => r.Sequence));
        Assert.Equal(
            Enumerable.Range(0, Writers).Select(n => $"user:{n}").Order(StringComparer.Ordinal),
            rows.Select(r => r.Subject!).Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task ConcurrentAuditCommits_FromTwoStoresOnOneDatabase_ProduceOneIntactChain()
    {
        const int WritersPerStore = 12;
        IGateStore[] stores = [Store, BuildSecondStore()];

        await RunAllAtOnceAsync(2 * WritersPerStore, async i =>
        {
            await using var unit = await stores[i % 2].OpenAsync(Ct);
            unit.Audit.Append(NewRecord(i));
            await unit.CommitAsync(Ct);
        });

        var verification = await VerifyAuditAsync();
        Assert.True(verification.IsIntact, verification.Detail);
        Assert.Equal(2 * WritersPerStore, verification.Count);
    }

    [SkippableFact]
    public async Task ConcurrentCommitsOfChangesAndAudit_KeepBothConsistent()
    {
        const int Writers = 16;

        await RunAllAtOnceAsync(Writers, async i =>
        {
            await using var unit = await Store.OpenAsync(Ct);
            await unit.BeginAsync(Ct);
            var counter = await unit.Throttle.LockAsync(ThrottleKey, Ct);
            counter.Failures++;
            unit.Audit.Append(NewRecord(i, AuditEventTypes.SignInFailed));
            await unit.CommitAsync(Ct);
        });

        Assert.Equal(Writers, (await ReadAsync(u => u.Throttle.FindAsync(ThrottleKey, Ct)))?.Failures);
        var verification = await VerifyAuditAsync();
        Assert.True(verification.IsIntact, verification.Detail);
        Assert.Equal(Writers, verification.Count);
    }

    /// <summary>A unit that commits a second time chains after the current head, wherever other units left it.</summary>
    [SkippableFact]
    public async Task UnitCommittingAgain_AfterAnotherUnitCommitted_ContinuesTheChain()
    {
        await using var unit = await Store.OpenAsync(Ct);
        unit.Audit.Append(NewRecord(1));
        await unit.CommitAsync(Ct);

        await CommitAsync(u => u.Audit.Append(NewRecord(2)));
        unit.Audit.Append(NewRecord(3));
        await unit.CommitAsync(Ct);

        var verification = await VerifyAuditAsync();
        Assert.True(verification.IsIntact, verification.Detail);
        Assert.Equal(["user:1", "user:2", "user:3"], (await ReadAuditAsync()).Select(r => r.Subject));
    }

    [SkippableFact]
    public async Task ListAuditFor_MatchesActorOrSubject_NewestFirst_UpToLimit()
    {
        await CommitAsync(u =>
        {
            u.Audit.Append(new AuditRecord(AuditEventTypes.SessionCreated, "ok", "user:a", "session:1"));
            u.Audit.Append(new AuditRecord(AuditEventTypes.UserDisabled, "ok", Actors.Cli, "user:a"));
            u.Audit.Append(new AuditRecord(AuditEventTypes.UserDisabled, "ok", Actors.Cli, "user:b"));
            u.Audit.Append(new AuditRecord(AuditEventTypes.PasswordChanged, "ok", "user:a"));
        });

        var all = await ReadAsync(u => u.Audit.ListForAsync("user:a", 10, Ct));
        var limited = await ReadAsync(u => u.Audit.ListForAsync("user:a", 2, Ct));

        Assert.Equal([4L, 2, 1], all.Select(r => r.Sequence));
        Assert.Equal([4L, 2], limited.Select(r => r.Sequence));
    }
}
