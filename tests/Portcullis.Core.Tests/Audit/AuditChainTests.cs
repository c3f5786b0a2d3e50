using Portcullis.Core.Audit;

namespace Portcullis.Core.Tests.Audit;

public sealed class AuditChainTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    internal static List<AuditEvent> Chain(int count)
    {
        var events = new List<AuditEvent>();
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var record = new AuditRecord("signin.failed", i % 2 == 0 ? "bad_password" : "unknown_user", Actors.Anonymous,
                $"user:{i}", "203.0.113.7", new Dictionary<string, object?> { ["n"] = i });
            var e = AuditChain.Link(record, i, Start.AddSeconds(i).AddTicks(1234), previous);
            events.Add(e);
            previous = e.Hash;
        }

        return events;
    }

    internal static AuditHead HeadOf(List<AuditEvent> events) =>
        new() { Sequence = events.Count, Hash = events.Count == 0 ? AuditChain.Genesis : events[^1].Hash };

    private static Task<AuditVerification> Verify(IEnumerable<AuditEvent> events, AuditHead? head) =>
        AuditVerifier.VerifyAsync(events.ToAsyncEnumerable(), head, CancellationToken.None);

    [Fact]
    public void Link_TruncatesTimeToMilliseconds_AndChainsThePreviousHash()
    {
        var chain = Chain(2);

        Assert.Equal(0, chain[0].At.Ticks % TimeSpan.TicksPerMillisecond);
        Assert.Equal(new byte[32], chain[0].PreviousHash);
        Assert.Equal(chain[0].Hash, chain[1].PreviousHash);
        Assert.Equal(chain[1].Hash, AuditChain.ComputeHash(chain[1]));
    }

    [Fact]
    public void ComputeHash_CoversEveryField()
    {
        var e = Chain(1)[0];
        var baseline = AuditChain.ComputeHash(e);
        var variants = new[]
        {
            AuditChain.ComputeHash(e.Sequence + 1, e.At, e.Actor, e.Subject, e.Type, e.Code, e.Ip, e.Data, e.PreviousHash),
            AuditChain.ComputeHash(e.Sequence, e.At.AddMilliseconds(1), e.Actor, e.Subject, e.Type, e.Code, e.Ip, e.Data, e.PreviousHash),
            AuditChain.ComputeHash(e.Sequence, e.At, "system", e.Subject, e.Type, e.Code, e.Ip, e.Data, e.PreviousHash),
            AuditChain.ComputeHash(e.Sequence, e.At, e.Actor, null, e.Type, e.Code, e.Ip, e.Data, e.PreviousHash),
            AuditChain.ComputeHash(e.Sequence, e.At, e.Actor, e.Subject, "signin.succeeded", e.Code, e.Ip, e.Data, e.PreviousHash),
            AuditChain.ComputeHash(e.Sequence, e.At, e.Actor, e.Subject, e.Type, "ok", e.Ip, e.Data, e.PreviousHash),
            AuditChain.ComputeHash(e.Sequence, e.At, e.Actor, e.Subject, e.Type, e.Code, null, e.Data, e.PreviousHash),
            AuditChain.ComputeHash(e.Sequence, e.At, e.Actor, e.Subject, e.Type, e.Code, e.Ip, "{}", e.PreviousHash),
            AuditChain.ComputeHash(e.Sequence, e.At, e.Actor, e.Subject, e.Type, e.Code, e.Ip, e.Data, new byte[32].Select(_ => (byte)1).ToArray()),
        };

        Assert.All(variants, v => Assert.NotEqual(baseline, v));
        Assert.Equal(variants.Length, variants.Select(Convert.ToHexString).Distinct().Count());
    }

    [Fact]
    public async Task Verify_IntactChain_IsOkWithCount()
    {
        var chain = Chain(5);

        var result = await Verify(chain, HeadOf(chain));

        Assert.True(result.IsIntact);
        Assert.Equal(5, result.Count);
    }

    [Fact]
    public async Task Verify_EmptyLogWithGenesisHead_IsOk()
    {
        var result = await Verify([], new AuditHead { Sequence = 0, Hash = AuditChain.Genesis });

        Assert.True(result.IsIntact);
        Assert.Equal(0, result.Count);
    }

    [Fact]
    public async Task Verify_ChangedRow_NamesThatRow()
    {
        var chain = Chain(5);
        var head = HeadOf(chain);
        var original = chain[2];
        chain[2] = new AuditEvent
        {
            Sequence = original.Sequence,
            At = original.At,
            Actor = original.Actor,
            Subject = original.Subject,
            Type = original.Type,
            Code = "ok",
            Ip = original.Ip,
            Data = original.Data,
            PreviousHash = original.PreviousHash,
            Hash = original.Hash,
        };

        var result = await Verify(chain, head);

        Assert.Equal(3, result.BrokenAt);
        Assert.Equal("hash_mismatch", result.Reason);
        Assert.Equal(2, result.Count);
    }

    [Fact]
    public async Task Verify_DeletedMiddleRow_IsASequenceGap()
    {
        var chain = Chain(5);
        var head = HeadOf(chain);
        chain.RemoveAt(1);

        var result = await Verify(chain, head);

        Assert.Equal(3, result.BrokenAt);
        Assert.Equal("sequence_gap", result.Reason);
    }

    [Fact]
    public async Task Verify_DeletedNewestRows_DisagreeWithTheHead()
    {
        var chain = Chain(5);
        var head = HeadOf(chain);
        chain.RemoveRange(3, 2);

        var result = await Verify(chain, head);

        Assert.Equal("head_mismatch", result.Reason);
        Assert.Equal(4, result.BrokenAt);
    }

    [Fact]
    public async Task Verify_RowsRechainedAfterADeletion_BreakTheLink()
    {
        // An attacker deletes row 2 and renumbers row 3 as 2, recomputing its own hash: the link still breaks.
        var chain = Chain(4);
        var head = HeadOf(chain);
        var third = chain[2];
        var renumbered = new AuditEvent
        {
            Sequence = 2,
            At = third.At,
            Actor = third.Actor,
            Subject = third.Subject,
            Type = third.Type,
            Code = third.Code,
            Ip = third.Ip,
            Data = third.Data,
            PreviousHash = third.PreviousHash,
            Hash = [],
        };
        var rehashed = new AuditEvent
        {
            Sequence = 2,
            At = third.At,
            Actor = third.Actor,
            Subject = third.Subject,
            Type = third.Type,
            Code = third.Code,
            Ip = third.Ip,
            Data = third.Data,
            PreviousHash = third.PreviousHash,
            Hash = AuditChain.ComputeHash(renumbered),
        };

        var result = await Verify([chain[0], rehashed], head);

        Assert.Equal(2, result.BrokenAt);
        Assert.Equal("link_mismatch", result.Reason);
    }
}
