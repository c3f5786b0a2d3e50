using Portcullis.Core.Audit;

namespace Portcullis.Storage.Tests;

public abstract partial class GateStoreConformance
{
    [SkippableFact]
    public async Task AuditListForUser_ReturnsTheUsersRowsOfTheTypesInTheWindow_OldestFirst()
    {
        var alice = Guid.NewGuid();
        var bob = Guid.NewGuid();
        var user = Actors.User(alice);
        await CommitAsync(u => u.Audit.Append(new AuditRecord(AuditEventTypes.SignInFailed, "bad_password", Actors.Anonymous, user)));
        Time.Advance(TimeSpan.FromHours(1)); // window starts here
        await CommitAsync(u =>
        {
            u.Audit.Append(new AuditRecord(AuditEventTypes.SignInFailed, "bad_password", Actors.Anonymous, user, "198.51.100.9"));
            u.Audit.Append(new AuditRecord(AuditEventTypes.SignInSucceeded, "ok", user, Actors.Session(Guid.NewGuid())));
            u.Audit.Append(new AuditRecord(AuditEventTypes.SessionCreated, "ok", user, Actors.Session(Guid.NewGuid())));
            u.Audit.Append(new AuditRecord(AuditEventTypes.SignInSucceeded, "ok", Actors.User(bob), Actors.Session(Guid.NewGuid())));
        });
        Time.Advance(TimeSpan.FromHours(1)); // window ends here (exclusive)
        await CommitAsync(u => u.Audit.Append(new AuditRecord(AuditEventTypes.SignInSucceeded, "ok", user, Actors.Session(Guid.NewGuid()))));

        var rows = await ReadAsync(u => u.Audit.ListForUserAsync(alice, Start.AddHours(1), Start.AddHours(2),
            [AuditEventTypes.SignInSucceeded, AuditEventTypes.SignInFailed], Ct));

        Assert.Equal([AuditEventTypes.SignInFailed, AuditEventTypes.SignInSucceeded], rows.Select(r => r.Type));
        Assert.Equal("198.51.100.9", rows[0].Ip);
        Assert.All(rows, r => Assert.Equal(Start.AddHours(1), r.At));
    }

    [SkippableFact]
    public async Task AuditListPage_GivesTheUsersRows_NewestFirst_ByKeyset_WithTextAndTimeFilters()
    {
        var alice = Guid.NewGuid();
        var user = Actors.User(alice);
        await CommitAsync(u =>
        {
            u.Audit.Append(new AuditRecord(AuditEventTypes.SignInFailed, "bad_password", Actors.Anonymous, user, "198.51.100.9"));
            u.Audit.Append(new AuditRecord(AuditEventTypes.SignInSucceeded, "ok", Actors.User(Guid.NewGuid()), Actors.Session(Guid.NewGuid())));
        });
        Time.Advance(TimeSpan.FromHours(1));
        await CommitAsync(u =>
        {
            u.Audit.Append(new AuditRecord(AuditEventTypes.SignInSucceeded, "ok", user, Actors.Session(Guid.NewGuid()),
                null, new Dictionary<string, object?> { ["method"] = "password+WebAuthn" }));
            u.Audit.Append(new AuditRecord(AuditEventTypes.SessionCreated, "ok", user, Actors.Session(Guid.NewGuid())));
        });

        var first = await ReadAsync(u => u.Audit.ListPageAsync(new AuditPageQuery { UserId = alice, Limit = 2 }, Ct));
        var second = await ReadAsync(u => u.Audit.ListPageAsync(new AuditPageQuery { UserId = alice, Limit = 2, Before = first[^1].Sequence }, Ct));
        var searched = await ReadAsync(u => u.Audit.ListPageAsync(new AuditPageQuery { UserId = alice, Text = "webauthn" }, Ct));
        var early = await ReadAsync(u => u.Audit.ListPageAsync(new AuditPageQuery { UserId = alice, To = Start.AddMinutes(30) }, Ct));
        var late = await ReadAsync(u => u.Audit.ListPageAsync(new AuditPageQuery { UserId = alice, From = Start.AddMinutes(30) }, Ct));
        var everyone = await ReadAsync(u => u.Audit.ListPageAsync(new AuditPageQuery(), Ct));

        Assert.Equal([AuditEventTypes.SessionCreated, AuditEventTypes.SignInSucceeded], first.Select(r => r.Type));
        Assert.Equal([AuditEventTypes.SignInFailed], second.Select(r => r.Type));
        Assert.True(first[0].Sequence > first[1].Sequence);
        Assert.Equal([AuditEventTypes.SignInSucceeded], searched.Select(r => r.Type));
        Assert.Equal([AuditEventTypes.SignInFailed], early.Select(r => r.Type));
        Assert.Equal(2, late.Count);
        Assert.Equal(4, everyone.Count);
        Assert.Equal(everyone.Select(r => r.Sequence).OrderDescending(), everyone.Select(r => r.Sequence));
    }
}
