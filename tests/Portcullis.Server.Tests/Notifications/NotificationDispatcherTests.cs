using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Audit;
using Portcullis.Core.Factors.Sms;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;
using Portcullis.Core.Users;
using Portcullis.Server.Notifications;
using Portcullis.Testing;

namespace Portcullis.Server.Tests.Notifications;

/// <summary>
/// The outbox and its dispatcher, driven round by round (the background loop is off), over the SMS channel with a
/// scripted gateway: fan-out, retries with backoff, dead letters, two dispatchers at once, a restart.
/// </summary>
public sealed class NotificationDispatcherTests : IAsyncLifetime
{
    private readonly ScriptedSmsGateway _sms = new();
    private TestGate _gate = null!;
    private User _alice = null!;

    public async Task InitializeAsync()
    {
        _gate = await StartAsync(_sms);
        _alice = await _gate.CreateUserAsync("alice");
        await AddSmsContactAsync(_gate, _alice.Id, "+15555550101");
    }

    public async Task DisposeAsync() => await _gate.DisposeAsync();

    internal static Task<TestGate> StartAsync(ISmsSender sms, string? dataDirectory = null, bool dispatcher = false)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Notifications:Dispatcher:Enabled"] = dispatcher ? "true" : "false",
            ["Notifications:Dispatcher:MaxAttempts"] = "3",
            ["Notifications:Dispatcher:BaseDelay"] = "00:00:10",
        };
        if (dataDirectory is not null)
        {
            settings["Storage:DataDirectory"] = dataDirectory;
        }

        return TestGate.StartAsync(settings, services: s => s.AddSingleton(sms));
    }

    internal static async Task AddSmsContactAsync(TestGate gate, Guid userId, string phone)
    {
        await using var unit = await gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        unit.NotificationSettings.AddContact(new NotificationContact
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Channel = NotificationChannel.Sms,
            Address = phone,
            CreatedAt = gate.Time.GetUtcNow(),
        });
        await unit.CommitAsync(CancellationToken.None);
    }

    private NotificationDispatcher Dispatcher => _gate.Services.GetRequiredService<NotificationDispatcher>();

    private async Task<IReadOnlyList<NotificationDelivery>> DeliveriesAsync()
    {
        await using var unit = await _gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        return await unit.Outbox.ListAsync(null, _alice.Id, 100, CancellationToken.None);
    }

    [Fact]
    public async Task ANewDeviceSignIn_IsDeliveredOnce()
    {
        using var client = _gate.CreateClient();
        await _gate.SignInAsync(client, "alice");

        var round = await Dispatcher.RunOnceAsync(CancellationToken.None);
        var again = await Dispatcher.RunOnceAsync(CancellationToken.None);

        Assert.Equal((1, 1), round);
        Assert.Equal((0, 0), again);
        var (to, text) = Assert.Single(_sms.Accepted);
        Assert.Equal("+15555550101", to);
        Assert.Contains("New sign-in from a new device", text, StringComparison.Ordinal);
        var delivery = Assert.Single(await DeliveriesAsync());
        Assert.Equal(DeliveryState.Delivered, delivery.State);
        Assert.Equal(1, delivery.Attempts);
        Assert.Null(delivery.LeaseUntil);
    }

    [Fact]
    public async Task AFailingChannel_IsRetriedWithBackoff_ThenDelivered()
    {
        _sms.FailNext(1);
        using var client = _gate.CreateClient();
        await _gate.SignInAsync(client, "alice");

        await Dispatcher.RunOnceAsync(CancellationToken.None);
        var waiting = Assert.Single(await DeliveriesAsync());
        Assert.Equal(DeliveryState.Pending, waiting.State);
        Assert.Equal(1, waiting.Attempts);
        Assert.Equal("sms.gateway_503", waiting.LastError);
        var wait = waiting.NextAttemptAt - _gate.Time.GetUtcNow();
        Assert.InRange(wait, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));

        Assert.Equal((0, 0), await Dispatcher.RunOnceAsync(CancellationToken.None));
        _gate.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal((0, 1), await Dispatcher.RunOnceAsync(CancellationToken.None));

        var delivered = Assert.Single(await DeliveriesAsync());
        Assert.Equal(DeliveryState.Delivered, delivered.State);
        Assert.Equal(2, delivered.Attempts);
        Assert.Single(_sms.Accepted);
    }

    [Fact]
    public async Task AChannelThatNeverRecovers_IsDeadLettered_AndAudited()
    {
        _sms.FailNext(100);
        using var client = _gate.CreateClient();
        await _gate.SignInAsync(client, "alice");

        for (var i = 0; i < 5; i++)
        {
            await Dispatcher.RunOnceAsync(CancellationToken.None);
            _gate.Time.Advance(TimeSpan.FromMinutes(5));
        }

        var dead = Assert.Single(await DeliveriesAsync());
        Assert.Equal(DeliveryState.Dead, dead.State);
        Assert.Equal(3, dead.Attempts);
        Assert.Equal(3, _sms.Calls);
        Assert.Contains(await _gate.ReadAuditAsync(), e => e.Type == AuditEventTypes.NotificationDeadLettered && e.Code == "attempts_exhausted");
    }

    [Fact]
    public async Task TwoDispatchersAtOnce_SendEachDeliveryOnce()
    {
        using var client = _gate.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await _gate.SignInAsync(client, "alice");
        }

        // A second dispatcher over the same store, as on a second node.
        var other = ActivatorUtilities.CreateInstance<NotificationDispatcher>(_gate.Services);
        await Task.WhenAll(Dispatcher.RunOnceAsync(CancellationToken.None), other.RunOnceAsync(CancellationToken.None),
            Dispatcher.RunOnceAsync(CancellationToken.None), other.RunOnceAsync(CancellationToken.None));
        await Dispatcher.RunOnceAsync(CancellationToken.None);

        Assert.Equal(5, _sms.Accepted.Count);
        var deliveries = await DeliveriesAsync();
        Assert.Equal(5, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal((DeliveryState.Delivered, 1), (d.State, d.Attempts)));
    }

    [Fact]
    public async Task AnEventCommittedBeforeARestart_IsDeliveredOnceAfterIt()
    {
        using var data = new TempDirectory();
        var sms = new ScriptedSmsGateway();
        await using (var first = await StartAsync(sms, data.Path))
        {
            var bob = await first.CreateUserAsync("bob");
            await AddSmsContactAsync(first, bob.Id, "+15555550102");
            using var client = first.CreateClient();
            await first.SignInAsync(client, "bob");
        }

        Assert.Empty(sms.Accepted);
        await using var second = await StartAsync(sms, data.Path, dispatcher: true);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (sms.Accepted.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await second.Services.GetRequiredService<NotificationDispatcher>().RunOnceAsync(CancellationToken.None);
        Assert.Single(sms.Accepted);
    }

    [Fact]
    public async Task AContactRemovedBeforeDelivery_DeadLettersItsDelivery()
    {
        using var client = _gate.CreateClient();
        await _gate.SignInAsync(client, "alice");
        await using (var unit = await _gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None))
        {
            await unit.BeginAsync(CancellationToken.None);
            var events = await unit.Outbox.ListUnfannedAsync(10, CancellationToken.None);
            await _gate.Services.GetRequiredService<Portcullis.Core.Notifications.Delivery.NotificationFanOut>()
                .FanOutAsync(unit, Assert.Single(events), _gate.Time.GetUtcNow(), CancellationToken.None);
            var contact = Assert.Single(await unit.NotificationSettings.ListContactsAsync(_alice.Id, CancellationToken.None));
            unit.NotificationSettings.RemoveContact(contact);
            await unit.CommitAsync(CancellationToken.None);
        }

        await Dispatcher.RunOnceAsync(CancellationToken.None);

        var dead = Assert.Single(await DeliveriesAsync());
        Assert.Equal((DeliveryState.Dead, "contact.removed"), (dead.State, dead.LastError));
        Assert.Empty(_sms.Accepted);
    }
}
