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
}
