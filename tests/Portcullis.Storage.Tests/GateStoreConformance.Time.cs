namespace Portcullis.Storage.Tests;

public abstract partial class GateStoreConformance
{
    /// <summary>Both providers keep whole microseconds (PostgreSQL's <c>timestamptz</c> resolution) and give back UTC.</summary>
    [SkippableFact]
    public async Task DateTimeOffsets_RoundTripToTheMicrosecond()
    {
        var created = Start.AddTicks(1_234_560);
        var beforeEpoch = new DateTimeOffset(1969, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_990);
        var farFuture = new DateTimeOffset(2999, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(10);
        Time.SetUtcNow(created);
        var user = NewUser("alice");
        user.PasswordChangedAt = beforeEpoch;
        user.DisabledAt = farFuture;
        await CommitAsync(u => u.Users.Add(user));

        var found = await ReadAsync(u => u.Users.FindAsync(user.Id, Ct));

        Assert.NotNull(found);
        Assert.Equal(
            [(created.UtcTicks, TimeSpan.Zero), (beforeEpoch.UtcTicks, TimeSpan.Zero), (farFuture.UtcTicks, TimeSpan.Zero)],
            new[] { found.CreatedAt, found.PasswordChangedAt!.Value, found.DisabledAt!.Value }.Select(t => (t.UtcTicks, t.Offset)));
    }

    [SkippableFact]
    public async Task DateTimeOffsets_BelowTheMicrosecond_AreTruncated()
    {
        Time.SetUtcNow(Start.AddTicks(1_234_569));
        var user = NewUser("alice");
        user.PasswordChangedAt = Start.AddTicks(1_234_561);
        await CommitAsync(u => u.Users.Add(user));

        var found = await ReadAsync(u => u.Users.FindAsync(user.Id, Ct));

        Assert.Equal(
            [Start.AddTicks(1_234_560).UtcTicks, Start.AddTicks(1_234_560).UtcTicks],
            new[] { found!.CreatedAt.UtcTicks, found.PasswordChangedAt!.Value.UtcTicks });
    }

    [SkippableFact]
    public async Task DateTimeOffsets_InQueries_CompareToTheMicrosecond()
    {
        var alice = NewUser("alice");
        var expiresAt = Start.AddTicks(10);
        var session = NewSession(alice, createdAt: Start.AddMinutes(-1), lastSeenAt: Start, absoluteExpiresAt: expiresAt);
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.Sessions.Add(session);
        });

        var before = await ReadAsync(u => u.Sessions.ListActiveAsync(alice.Id, Start, Ct));
        var at = await ReadAsync(u => u.Sessions.ListActiveAsync(alice.Id, expiresAt, Ct));

        Assert.Single(before);
        Assert.Empty(at);
    }

    [SkippableFact]
    public async Task TimeSpans_RoundTripExactly()
    {
        var alice = NewUser("alice");
        var session = new Core.Sessions.Session
        {
            Id = Guid.NewGuid(),
            UserId = alice.Id,
            TokenHash = RandomHash(),
            Client = Core.Sessions.SessionClient.Browser,
            CreatedAt = Start,
            LastSeenAt = Start,
            AbsoluteExpiresAt = Start.AddHours(1),
            IdleTimeout = TimeSpan.FromTicks(12_345_678_901),
        };
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.Sessions.Add(session);
        });

        var found = await ReadAsync(u => u.Sessions.FindAsync(session.Id, Ct));

        Assert.Equal(TimeSpan.FromTicks(12_345_678_901), found?.IdleTimeout);
    }
}
