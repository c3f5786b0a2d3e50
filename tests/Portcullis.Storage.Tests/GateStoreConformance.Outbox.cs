using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;
using Portcullis.Core.Users;

namespace Portcullis.Storage.Tests;

/// <summary>The notification outbox: claims and leases hold when several units (and stores, as on several nodes) race.</summary>
public abstract partial class GateStoreConformance
{
    private NotificationEvent NewEvent(User user, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        UserId = user.Id,
        Type = NotificationTypes.NewDevice,
        Severity = NotificationSeverity.Critical,
        Summary = "New sign-in from a new device.",
        Data = """{"ip":"192.0.2.1"}""",
        CreatedAt = at,
    };

    private static NotificationDelivery NewDelivery(NotificationEvent e, DateTimeOffset due) => new()
    {
        Id = Guid.CreateVersion7(due),
        EventId = e.Id,
        UserId = e.UserId,
        Channel = NotificationChannel.Email,
        TargetId = Guid.NewGuid(),
        TargetDisplay = "alice@example.com",
        NextAttemptAt = due,
        CreatedAt = e.CreatedAt,
    };

    [SkippableFact]
    public async Task ClaimEvent_FromManyUnitsOnTwoStores_SucceedsOnce()
    {
        var alice = NewUser("alice");
        var e = NewEvent(alice, Start);
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.Notifications.Emit(e);
        });
        IGateStore[] stores = [Store, BuildSecondStore()];
        var wins = 0;

        await RunAllAtOnceAsync(8, async i =>
        {
            await using var unit = await stores[i % 2].OpenAsync(Ct);
            await unit.BeginAsync(Ct);
            if (await unit.Outbox.TryClaimEventAsync(e.Id, Start.AddSeconds(1), Ct))
            {
                Interlocked.Increment(ref wins);
            }

            await unit.CommitAsync(Ct);
        });

        Assert.Equal(1, wins);
        Assert.Empty(await ReadAsync(u => u.Outbox.ListUnfannedAsync(10, Ct)));
        Assert.Equal(Start.AddSeconds(1), (await ReadAsync(u => u.Outbox.FindEventAsync(e.Id, Ct)))?.FannedOutAt);
    }

    [SkippableFact]
    public async Task LeaseDelivery_IsExclusiveUntilItRunsOut()
    {
        var alice = NewUser("alice");
        var e = NewEvent(alice, Start);
        var delivery = NewDelivery(e, Start);
        var later = NewDelivery(e, Start.AddMinutes(10));
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.Notifications.Emit(e);
            u.Outbox.Add(delivery);
            u.Outbox.Add(later);
        });
        IGateStore[] stores = [Store, BuildSecondStore()];
        var wins = 0;

        Assert.Equal([delivery.Id], await ReadAsync(u => u.Outbox.ListDueAsync(Start, 10, Ct)));
        await RunAllAtOnceAsync(8, async i =>
        {
            await using var unit = await stores[i % 2].OpenAsync(Ct);
            await unit.BeginAsync(Ct);
            if (await unit.Outbox.TryLeaseAsync(delivery.Id, Start, Start.AddMinutes(2), Ct))
            {
                Interlocked.Increment(ref wins);
            }

            await unit.CommitAsync(Ct);
        });

        Assert.Equal(1, wins);
        Assert.Empty(await ReadAsync(u => u.Outbox.ListDueAsync(Start.AddMinutes(1), 10, Ct)));
        Assert.False(await ReadAsync(u => u.Outbox.TryLeaseAsync(later.Id, Start, Start.AddMinutes(2), Ct)));
        Assert.True(await ReadAsync(u => u.Outbox.TryLeaseAsync(delivery.Id, Start.AddMinutes(3), Start.AddMinutes(5), Ct)));
    }

    [SkippableFact]
    public async Task Deliveries_RoundTripEveryField_AndFilterByStateAndUser()
    {
        var alice = NewUser("alice");
        var bob = NewUser("bob");
        var e = NewEvent(alice, Start);
        var dead = NewDelivery(e, Start);
        dead.State = DeliveryState.Dead;
        dead.Attempts = 8;
        dead.DeadAt = Start.AddHours(1);
        dead.LastError = "smtp.rejected: 550 no such user";
        var bobs = NewEvent(bob, Start);
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.Users.Add(bob);
            u.Notifications.Emit(e);
            u.Notifications.Emit(bobs);
            u.Outbox.Add(dead);
            u.Outbox.Add(NewDelivery(e, Start));
            u.Outbox.Add(NewDelivery(bobs, Start));
        });

        var found = Assert.Single(await ReadAsync(u => u.Outbox.ListAsync(DeliveryState.Dead, alice.Id, 10, Ct)));

        Assert.Equal(
            (dead.Id, dead.EventId, NotificationChannel.Email, dead.TargetId, "alice@example.com", DeliveryState.Dead, 8, dead.DeadAt, dead.LastError),
            (found.Id, found.EventId, found.Channel, found.TargetId, found.TargetDisplay, found.State, found.Attempts, found.DeadAt, found.LastError));
        Assert.Equal(2, (await ReadAsync(u => u.Outbox.ListAsync(null, alice.Id, 10, Ct))).Count);
        Assert.Equal(3, (await ReadAsync(u => u.Outbox.ListAsync(null, null, 10, Ct))).Count);
    }

    [SkippableFact]
    public async Task Feed_PagesNewestFirst_AndMarksAllRead()
    {
        var alice = NewUser("alice");
        var events = Enumerable.Range(0, 5).Select(i => NewEvent(alice, Start.AddMinutes(i))).ToList();
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            events.ForEach(u.Notifications.Emit);
        });

        var page = await ReadAsync(u => u.Notifications.ListFeedAsync(alice.Id, false, Start.AddMinutes(3), 10, Ct));
        var marked = await ReadAsync(u => u.Notifications.MarkAllReadAsync(alice.Id, Start.AddHours(1), Ct));

        Assert.Equal(events.Take(3).Select(e => e.Id).Reverse(), page.Select(e => e.Id));
        Assert.Equal(5, marked);
        Assert.Equal(0, await ReadAsync(u => u.Notifications.CountUnreadAsync(alice.Id, Ct)));
    }

    [SkippableFact]
    public async Task UseFreezeLink_FromManyUnitsOnTwoStores_SucceedsOnce_AndNotWhenExpired()
    {
        var alice = NewUser("alice");
        var e = NewEvent(alice, Start);
        FreezeLink Link(DateTimeOffset expires) => new()
        {
            Id = Guid.NewGuid(),
            UserId = alice.Id,
            EventId = e.Id,
            TokenHash = RandomHash(),
            TokenCiphertext = [1, 2, 3],
            CreatedAt = Start,
            ExpiresAt = expires,
        };
        var link = Link(Start.AddDays(7));
        var expired = Link(Start.AddMinutes(1));
        await CommitAsync(u =>
        {
            u.Users.Add(alice);
            u.Notifications.Emit(e);
            u.NotificationSettings.AddFreezeLink(link);
            u.NotificationSettings.AddFreezeLink(expired);
        });
        IGateStore[] stores = [Store, BuildSecondStore()];
        var wins = 0;

        await RunAllAtOnceAsync(8, async i =>
        {
            await using var unit = await stores[i % 2].OpenAsync(Ct);
            await unit.BeginAsync(Ct);
            if (await unit.NotificationSettings.TryUseFreezeLinkAsync(link.Id, Start.AddHours(1), "192.0.2.7", Ct))
            {
                Interlocked.Increment(ref wins);
            }

            await unit.CommitAsync(Ct);
        });

        Assert.Equal(1, wins);
        var used = await ReadAsync(u => u.NotificationSettings.FindFreezeLinkAsync([.. link.TokenHash], Ct));
        Assert.Equal((Start.AddHours(1), "192.0.2.7"), (used?.UsedAt, used?.UsedFromIp));
        Assert.False(await ReadAsync(u => u.NotificationSettings.TryUseFreezeLinkAsync(expired.Id, Start.AddHours(1), null, Ct)));
    }

    [SkippableFact]
    public async Task ClaimReport_FromManyUnitsOnTwoStores_SucceedsOncePerPeriod()
    {
        var alice = NewUser("alice");
        await CommitAsync(u => u.Users.Add(alice));
        IGateStore[] stores = [Store, BuildSecondStore()];
        var wins = 0;

        await RunAllAtOnceAsync(8, async i =>
        {
            await using var unit = await stores[i % 2].OpenAsync(Ct);
            await unit.BeginAsync(Ct);
            if (await unit.Users.TryClaimReportAsync(alice.Id, Start.AddDays(1), Ct))
            {
                Interlocked.Increment(ref wins);
            }

            await unit.CommitAsync(Ct);
        });

        Assert.Equal(1, wins);
        Assert.Equal(Start.AddDays(1), (await ReadAsync(u => u.Users.FindAsync(alice.Id, Ct)))?.LastReportAt);
        Assert.False(await ReadAsync(u => u.Users.TryClaimReportAsync(alice.Id, Start.AddHours(12), Ct)));
        Assert.True(await ReadAsync(u => u.Users.TryClaimReportAsync(alice.Id, Start.AddDays(2), Ct)));
    }
}
