using System.Data.Common;
using Portcullis.Core.Audit;

namespace Portcullis.Storage.Tests;

/// <summary>
/// Someone with write access to the database goes around the gate. The triggers refuse changes to
/// <c>audit_events</c>; with the triggers off, the hash chain names the first broken row and why.
/// </summary>
public abstract partial class GateStoreConformance
{
    private const int ChainLength = 5;

    [SkippableFact]
    public async Task AppendOnlyTrigger_RefusesRawUpdate()
    {
        await SeedAuditChainAsync();

        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteRawAsync("UPDATE audit_events SET code = 'tampered' WHERE sequence = 3"));

        Assert.Equal("ok", (await ReadAuditAsync())[2].Code);
        Assert.True((await VerifyAuditAsync()).IsIntact);
    }

    [SkippableFact]
    public async Task AppendOnlyTrigger_RefusesRawDelete()
    {
        await SeedAuditChainAsync();

        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteRawAsync("DELETE FROM audit_events WHERE sequence = 3"));

        Assert.Equal(ChainLength, (await ReadAuditAsync()).Count);
        Assert.True((await VerifyAuditAsync()).IsIntact);
    }

    [SkippableFact]
    public async Task UntouchedChain_VerifiesIntact()
    {
        await SeedAuditChainAsync();
        await DisableAppendOnlyTriggersAsync();

        var verification = await VerifyAuditAsync();

        Assert.Equal(new AuditVerification(ChainLength, null, null, null), verification);
    }

    [SkippableFact]
    public async Task ChangedRow_IsReportedAsHashMismatch()
    {
        await SeedAuditChainAsync();
        await DisableAppendOnlyTriggersAsync();

        Assert.Equal(1, await ExecuteRawAsync("UPDATE audit_events SET code = 'tampered' WHERE sequence = 3"));

        AssertBroken(await VerifyAuditAsync(), at: 3, "hash_mismatch");
    }

    [SkippableFact]
    public async Task DeletedMiddleRow_IsReportedAsSequenceGap()
    {
        await SeedAuditChainAsync();
        await DisableAppendOnlyTriggersAsync();

        Assert.Equal(1, await ExecuteRawAsync("DELETE FROM audit_events WHERE sequence = 3"));

        AssertBroken(await VerifyAuditAsync(), at: 4, "sequence_gap");
    }

    [SkippableFact]
    public async Task DeletedLastRow_IsReportedAsHeadMismatch()
    {
        await SeedAuditChainAsync();
        await DisableAppendOnlyTriggersAsync();

        Assert.Equal(1, await ExecuteRawAsync($"DELETE FROM audit_events WHERE sequence = {ChainLength}"));

        AssertBroken(await VerifyAuditAsync(), at: ChainLength, "head_mismatch");
    }

    [SkippableFact]
    public async Task SwappedRows_AreReportedAsHashMismatch()
    {
        var rows = await SeedAuditChainAsync();
        await DisableAppendOnlyTriggersAsync();

        await OverwriteAuditRowAsync(2, rows[2], rows[2].PreviousHash, rows[2].Hash);
        await OverwriteAuditRowAsync(3, rows[1], rows[1].PreviousHash, rows[1].Hash);

        AssertBroken(await VerifyAuditAsync(), at: 2, "hash_mismatch");
    }

    /// <summary>The hashes are unkeyed, so a forger can make each swapped row match itself; the links still break.</summary>
    [SkippableFact]
    public async Task SwappedRowsWithRecomputedHashes_AreReportedAsLinkMismatch()
    {
        var rows = await SeedAuditChainAsync();
        await DisableAppendOnlyTriggersAsync();

        await OverwriteAuditRowAsync(2, rows[2], rows[1].PreviousHash, Rehash(2, rows[1], rows[2]));
        await OverwriteAuditRowAsync(3, rows[1], rows[2].PreviousHash, Rehash(3, rows[2], rows[1]));

        AssertBroken(await VerifyAuditAsync(), at: 3, "link_mismatch");
    }

    [SkippableFact]
    public async Task RewoundHead_IsReportedAsHeadMismatch()
    {
        var rows = await SeedAuditChainAsync();

        Assert.Equal(1, await ExecuteRawAsync("UPDATE audit_head SET sequence = @sequence, hash = @hash",
            ("@sequence", (long)ChainLength - 1), ("@hash", rows[ChainLength - 2].Hash)));

        AssertBroken(await VerifyAuditAsync(), at: ChainLength + 1, "head_mismatch");
    }

    /// <summary>Five rows from five commits, a second apart; returns them in sequence order.</summary>
    private async Task<List<AuditEvent>> SeedAuditChainAsync()
    {
        string[] types = [AuditEventTypes.UserCreated, AuditEventTypes.SignInFailed, AuditEventTypes.SignInSucceeded,
            AuditEventTypes.SessionCreated, AuditEventTypes.PasswordChanged];
        for (var n = 1; n <= ChainLength; n++)
        {
            var record = NewRecord(n, types[n - 1]);
            await CommitAsync(u => u.Audit.Append(record));
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        var rows = await ReadAuditAsync();
        Assert.Equal(ChainLength, rows.Count);
        return rows;
    }

    private async Task DisableAppendOnlyTriggersAsync() => await ExecuteRawAsync(DisableAppendOnlyTriggersSql);

    /// <summary>Writes <paramref name="content"/>'s actor, subject, type, code, ip and data, and the given hashes, into row <paramref name="sequence"/>.</summary>
    private async Task OverwriteAuditRowAsync(long sequence, AuditEvent content, byte[] previousHash, byte[] hash)
    {
        var changed = await ExecuteRawAsync(
            "UPDATE audit_events SET actor = @actor, subject = @subject, type = @type, code = @code, ip = @ip, data = @data, " +
            "previous_hash = @previous, hash = @hash WHERE sequence = @sequence",
            ("@actor", content.Actor), ("@subject", content.Subject), ("@type", content.Type), ("@code", content.Code),
            ("@ip", content.Ip), ("@data", content.Data), ("@previous", previousHash), ("@hash", hash), ("@sequence", sequence));
        Assert.Equal(1, changed);
    }

    /// <summary>The hash row <paramref name="sequence"/> would carry with <paramref name="content"/>'s fields, keeping its own time and link.</summary>
    private static byte[] Rehash(long sequence, AuditEvent original, AuditEvent content) =>
        AuditChain.ComputeHash(sequence, original.At, content.Actor, content.Subject, content.Type, content.Code, content.Ip, content.Data,
            original.PreviousHash);

    private static void AssertBroken(AuditVerification verification, long at, string reason)
    {
        Assert.False(verification.IsIntact);
        Assert.Equal((at, reason), (verification.BrokenAt, verification.Reason));
    }
}
