using Portcullis.Core.Sessions;

namespace Portcullis.Core.Tests.Sessions;

public sealed class SessionTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static Session New() => new()
    {
        Id = Guid.NewGuid(),
        UserId = Guid.NewGuid(),
        TokenHash = new byte[32],
        Client = SessionClient.Native,
        CreatedAt = Created,
        LastSeenAt = Created,
        AbsoluteExpiresAt = Created.AddHours(12),
        IdleTimeout = TimeSpan.FromMinutes(15),
    };

    [Fact]
    public void IsActiveAt_EndsAtTheIdleTimeout()
    {
        var session = New();

        Assert.True(session.IsActiveAt(Created.AddMinutes(14)));
        Assert.False(session.IsActiveAt(Created.AddMinutes(15)));
    }

    [Fact]
    public void IsActiveAt_EndsAtTheAbsoluteTimeoutEvenWhenActive()
    {
        var session = New();
        session.LastSeenAt = Created.AddHours(11).AddMinutes(59);

        Assert.True(session.IsActiveAt(Created.AddHours(11).AddMinutes(59)));
        Assert.False(session.IsActiveAt(Created.AddHours(12)));
        Assert.Equal(Created.AddHours(12), session.ExpiresAt);
    }

    [Fact]
    public void Revoke_IsFinalAndKeepsTheFirstReason()
    {
        var session = New();

        Assert.True(session.Revoke(Created.AddMinutes(1), "signed_out"));
        Assert.False(session.Revoke(Created.AddMinutes(2), "revoked_by_user"));
        Assert.Equal("signed_out", session.RevokedReason);
        Assert.False(session.IsActiveAt(Created.AddMinutes(1)));
    }
}
