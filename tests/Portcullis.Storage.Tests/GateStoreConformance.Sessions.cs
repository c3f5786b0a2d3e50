using Portcullis.Core.Factors;
using Portcullis.Core.Sessions;
using Portcullis.Core.Users;

namespace Portcullis.Storage.Tests;

public abstract partial class GateStoreConformance
{
    [SkippableFact]
    public async Task Session_FoundByTokenHash_RoundTripsWithItsAuthentication()
    {
        var alice = NewUser("alice");
        var device = NewDevice(alice);
        var session = NewSession(alice);
        session.DeviceId = device.Id;
        session.PasswordChangeRequired = true;
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.Devices.Add(device);
            u.Sessions.Add(session);
        });

        var found = await ReadAsync(u => u.Sessions.FindByTokenHashAsync([.. session.TokenHash], Ct));

        Assert.NotNull(found);
        Assert.Equal(
            (session.Id, session.UserId, Convert.ToHexString(session.TokenHash), session.Client, device.Id, session.Ip, session.UserAgent, session.CreatedAt,
                session.LastSeenAt, session.AbsoluteExpiresAt, session.IdleTimeout, null, null, true),
            (found.Id, found.UserId, Convert.ToHexString(found.TokenHash), found.Client, found.DeviceId, found.Ip, found.UserAgent, found.CreatedAt,
                found.LastSeenAt, found.AbsoluteExpiresAt, found.IdleTimeout, found.RevokedAt, found.RevokedReason, found.PasswordChangeRequired));
        var authentication = Assert.Single(found.Authentications);
        Assert.Equal((session.Id, AuthenticationMethods.Password, Start), (authentication.SessionId, authentication.Method, authentication.At));
        Assert.Null(await ReadAsync(u => u.Sessions.FindByTokenHashAsync(RandomHash(), Ct)));
    }

    [SkippableFact]
    public async Task Session_AddedWithEveryFieldSet_RoundTripsWithEveryAuthentication()
    {
        // A new session is written in hand-written SQL, not by EF Core: every column, and every event, must come back.
        var alice = NewUser("alice");
        var device = NewDevice(alice);
        var session = NewSession(alice);
        session.DeviceId = device.Id;
        session.FactorEnrollmentRequired = true;
        session.Revoke(Start.AddMinutes(3), "signed_out");
        var factorId = Guid.NewGuid();
        session.Authentications.Add(new SessionAuthentication
        {
            SessionId = session.Id,
            Method = "webauthn",
            At = Start.AddSeconds(30).AddTicks(10),
            DeviceId = device.Id,
            FactorId = factorId,
            Class = FactorClass.PhishingResistant,
            DeviceBound = true,
        });
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.Devices.Add(device);
            u.Sessions.Add(session);
        });

        var found = await ReadAsync(u => u.Sessions.FindAsync(session.Id, Ct));

        Assert.NotNull(found);
        Assert.Equal(
            (session.Client, session.IdleTimeout, Start.AddMinutes(3), "signed_out", false, true),
            (found.Client, found.IdleTimeout, found.RevokedAt, found.RevokedReason, found.PasswordChangeRequired, found.FactorEnrollmentRequired));
        Assert.Equal(
            [
                (AuthenticationMethods.Password, Start, (Guid?)null, (Guid?)null, (FactorClass?)null, false),
                ("webauthn", Start.AddSeconds(30).AddTicks(10), device.Id, factorId, FactorClass.PhishingResistant, true),
            ],
            found.Authentications.OrderBy(a => a.At).Select(a => (a.Method, a.At, a.DeviceId, a.FactorId, a.Class, a.DeviceBound)));
    }

    [SkippableFact]
    public async Task Sessions_AddedTwiceInOneUnit_AcrossTwoCommits_AreEachWrittenOnce()
    {
        var alice = NewUser("alice");
        var first = NewSession(alice);
        var second = NewSession(alice, createdAt: Start.AddMinutes(-1));
        await using (var unit = await Store.OpenAsync(Ct))
        {
            unit.Users.Add(alice);
            unit.Sessions.Add(first);
            await unit.CommitAsync(Ct);
            unit.Sessions.Add(second);
            await unit.CommitAsync(Ct);
        }

        var listed = await ReadAsync(u => u.Sessions.ListActiveAsync(alice.Id, Start, Ct));
        Assert.Equal([first.Id, second.Id], listed.Select(s => s.Id));
        Assert.All(listed, s => Assert.Single(s.Authentications));
    }

    [SkippableFact]
    public async Task AddAuthentication_OnSessionAlreadyStored_IsLoadedWithTheSession()
    {
        var alice = NewUser("alice");
        var session = NewSession(alice);
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.Sessions.Add(session);
        });
        Time.Advance(TimeSpan.FromMinutes(5));

        await CommitAsync(u => u.Sessions.AddAuthentication(
            new SessionAuthentication { SessionId = session.Id, Method = "totp", At = Time.GetUtcNow() }));

        var found = await ReadAsync(u => u.Sessions.FindAsync(session.Id, Ct));
        Assert.NotNull(found);
        Assert.Equal(
            [(AuthenticationMethods.Password, Start), ("totp", Start.AddMinutes(5))],
            found.Authentications.OrderBy(a => a.At).Select(a => (a.Method, a.At)));
        Assert.Equal("totp", found.LastAuthentication?.Method);
    }

    [SkippableFact]
    public async Task FoundSession_ChangedAndCommitted_IsSaved()
    {
        var alice = NewUser("alice");
        var session = NewSession(alice);
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.Sessions.Add(session);
        });
        var newHash = RandomHash();

        await using (var unit = await Store.OpenAsync(Ct))
        {
            var found = await unit.Sessions.FindAsync(session.Id, Ct);
            found!.TokenHash = newHash;
            found.Revoke(Start.AddMinutes(1), "signed_out");
            await unit.CommitAsync(Ct);
        }

        var reread = await ReadAsync(u => u.Sessions.FindByTokenHashAsync(newHash, Ct));
        Assert.Equal((session.Id, Start.AddMinutes(1), "signed_out"), (reread?.Id, reread?.RevokedAt, reread?.RevokedReason));
        Assert.Null(await ReadAsync(u => u.Sessions.FindByTokenHashAsync(session.TokenHash, Ct)));
    }

    [SkippableFact]
    public async Task ListActiveSessions_ReturnsActiveSessions_NewestFirst()
    {
        var alice = NewUser("alice");
        var older = NewSession(alice, createdAt: Start.AddMinutes(-10));
        var newer = NewSession(alice, createdAt: Start.AddMinutes(-5));
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.Sessions.Add(older);
            u.Sessions.Add(newer);
        });

        var listed = await ReadAsync(u => u.Sessions.ListActiveAsync(alice.Id, Start, Ct));

        Assert.Equal([newer.Id, older.Id], listed.Select(s => s.Id));
    }

    [SkippableFact]
    public async Task ListActiveSessions_ExcludesRevokedSession()
    {
        var (active, _, listed) = await ListActiveBesideAsync(alice =>
        {
            var revoked = NewSession(alice);
            revoked.Revoke(Start, "signed_out");
            return revoked;
        });

        Assert.Equal([active], listed);
    }

    [SkippableFact]
    public async Task ListActiveSessions_ExcludesAbsolutelyExpiredSession()
    {
        var (active, _, listed) = await ListActiveBesideAsync(alice =>
            NewSession(alice, createdAt: Start.AddHours(-12), lastSeenAt: Start.AddMinutes(-1), absoluteExpiresAt: Start));

        Assert.Equal([active], listed);
    }

    [SkippableFact]
    public async Task ListActiveSessions_ExcludesIdleExpiredSession()
    {
        var (active, _, listed) = await ListActiveBesideAsync(alice =>
            NewSession(alice, createdAt: Start.AddHours(-1), lastSeenAt: Start.AddMinutes(-30)));

        Assert.Equal([active], listed);
    }

    [SkippableFact]
    public async Task ListActiveSessions_ExcludesOtherUsersSessions()
    {
        var bob = NewUser("bob");
        await CommitAsync(u => u.Users.Add(bob));

        var (active, _, listed) = await ListActiveBesideAsync(_ => NewSession(bob));

        Assert.Equal([active], listed);
    }

    [SkippableFact]
    public async Task ListActiveSessions_KeepsSessionJustBeforeItsIdleDeadline()
    {
        var (active, other, listed) = await ListActiveBesideAsync(alice =>
            NewSession(alice, createdAt: Start.AddHours(-1), lastSeenAt: Start.AddMinutes(-30).AddTicks(10)));

        Assert.Equal([active, other], listed);
    }

    /// <summary>
    /// Stores a plainly active session of alice's (created now) and the session <paramref name="variant"/> makes
    /// (created earlier, or not hers), and lists alice's active sessions at <see cref="Start"/>.
    /// </summary>
    private async Task<(Guid Active, Guid Other, IReadOnlyList<Guid> Listed)> ListActiveBesideAsync(Func<User, Session> variant)
    {
        var alice = NewUser("alice");
        var active = NewSession(alice);
        var other = variant(alice);
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.Sessions.Add(active);
            u.Sessions.Add(other);
        });

        var listed = await ReadAsync(u => u.Sessions.ListActiveAsync(alice.Id, Start, Ct));
        return (active.Id, other.Id, listed.Select(s => s.Id).ToList());
    }
}
