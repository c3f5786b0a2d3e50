using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;
using Portcullis.Testing;

namespace Portcullis.Server.Tests.Notifications;

/// <summary>
/// The issue's acceptance test, end to end over HTTP with the background dispatcher: a sign-in from a new device
/// produces exactly one email (anti-phishing phrase, "this wasn't me" link) on a real SMTP server and exactly one
/// webhook that a Standard Webhooks library verifies.
/// </summary>
public sealed partial class NotificationAcceptanceTests : IAsyncLifetime
{
    private const string Phrase = "purple walrus at dawn";
    private TestSmtpServer _smtp = null!;
    private TestWebhookReceiver _receiver = null!;
    private TestGate _gate = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _smtp = await TestSmtpServer.StartAsync();
        _receiver = await TestWebhookReceiver.StartAsync();
        var settings = new Dictionary<string, string?>(_smtp.GateSettings) { ["Notifications:Webhooks:AllowPrivateNetworks"] = "true" };
        _gate = await TestGate.StartAsync(settings);
        _gate.Time.SetUtcNow(DateTimeOffset.UtcNow); // Standard Webhooks verifiers check the timestamp against the real clock
        await _gate.CreateUserAsync("alice");
        _client = _gate.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gate.DisposeAsync();
        await _receiver.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task ANewDeviceSignIn_SendsOneEmailAndOneVerifiableWebhook()
    {
        var token = (await _gate.SignInAsync(_client, "alice")).Token();
        await OutboxFannedOutAsync(); // the first sign-in's own new-device event found no address yet
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(HttpMethod.Put, "/api/v1/me/anti-phishing-phrase", token, $$"""{"phrase":"{{Phrase}}"}""")).Status);
        Assert.Equal(HttpStatusCode.Created, (await _client.PostJsonAsync("/api/v1/me/notification-contacts", new { channel = "email", address = "alice@example.com" }, token)).Status);
        var (created, webhook, _) = await _client.PostJsonAsync("/api/v1/me/webhooks", new { url = _receiver.Url.ToString() }, token);
        Assert.Equal(HttpStatusCode.Created, created);
        var secret = webhook.GetProperty("secret").GetString()!;

        using var laptop = _gate.CreateClient();
        _gate.FollowTheRealClock(); // on a loaded machine minutes may have passed since the gate started
        await _gate.SignInAsync(laptop, "alice");

        var email = Assert.Single(await WaitForAsync(() => _smtp.Messages.Where(m => m.Header("X-Portcullis-Event-Type") == NotificationTypes.NewDevice).ToList()));
        var hook = Assert.Single(await WaitForAsync(() => _receiver.Requests.Where(r => r.Json.GetProperty("type").GetString() == NotificationTypes.NewDevice).ToList()));
        Assert.Contains("alice@example.com", email.EnvelopeTo, StringComparer.OrdinalIgnoreCase);
        Assert.Contains(Phrase, email.TextBody, StringComparison.Ordinal);
        Assert.Contains(Phrase, email.HtmlBody, StringComparison.Ordinal);
        hook.Verify(secret);
        Assert.Equal(email.MessageId is null ? null : email.MessageId.Split('@')[0], await DeliveryIdAsync(NotificationChannel.Email));
        Assert.Equal(hook.Id, await DeliveryIdAsync(NotificationChannel.Webhook));

        // The email's "this wasn't me" link is live (the page only asks; posting it would freeze).
        var link = FreezeLink().Match(email.TextBody!).Value;
        Assert.StartsWith(_gate.BaseAddress.GetLeftPart(UriPartial.Authority), link, StringComparison.Ordinal);
        using var page = await _client.GetAsync(new Uri(link));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        // Nothing more arrives for that event.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(_smtp.Messages, m => m.Header("X-Portcullis-Event-Type") == NotificationTypes.NewDevice);
        Assert.Single(_receiver.Requests, r => r.Json.GetProperty("type").GetString() == NotificationTypes.NewDevice);
    }

    [Fact]
    public async Task AnSmtpServerThatIsDown_NeitherBlocksNorFailsTheSignIn_AndLosesNothing()
    {
        var down = new Dictionary<string, string?>(_smtp.GateSettings)
        {
            ["Notifications:Email:Smtp:Port"] = TestSmtpServer.UnusedPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        await using var gate = await TestGate.StartAsync(down);
        var bob = await gate.CreateUserAsync("bob");
        await using (var unit = await gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None))
        {
            unit.NotificationSettings.AddContact(new NotificationContact
            {
                Id = Guid.NewGuid(),
                UserId = bob.Id,
                Channel = NotificationChannel.Email,
                Address = "bob@example.com",
                CreatedAt = gate.Time.GetUtcNow(),
            });
            await unit.CommitAsync(CancellationToken.None);
        }

        using var client = gate.CreateClient();
        var signIn = await gate.SignInAsync(client, "bob");

        Assert.Equal("signed_in", signIn.GetProperty("status").GetString());
        await WaitForAsync(async () =>
        {
            await using var unit = await gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
            var deliveries = await unit.Outbox.ListAsync(null, bob.Id, 10, CancellationToken.None);
            return deliveries.Count == 1 && deliveries[0] is { State: DeliveryState.Pending, Attempts: 1 } d
                && d.LastError!.StartsWith("smtp.unavailable", StringComparison.Ordinal);
        });
    }

    [GeneratedRegex(@"https?://\S+/wasnt-me/pcz_[A-Za-z0-9_-]{43}")]
    private static partial Regex FreezeLink();

    private async Task OutboxFannedOutAsync()
    {
        await WaitForAsync(async () =>
        {
            await using var unit = await _gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
            return (await unit.Outbox.ListUnfannedAsync(1, CancellationToken.None)).Count == 0;
        });
    }

    private async Task<string?> DeliveryIdAsync(NotificationChannel channel)
    {
        await using var unit = await _gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        var deliveries = await unit.Outbox.ListAsync(DeliveryState.Delivered, null, 100, CancellationToken.None);
        foreach (var delivery in deliveries.Where(d => d.Channel == channel))
        {
            if ((await unit.Outbox.FindEventAsync(delivery.EventId, CancellationToken.None))?.Type == NotificationTypes.NewDevice)
            {
                return delivery.Id.ToString("D");
            }
        }

        return null;
    }

    private static async Task<List<T>> WaitForAsync<T>(Func<List<T>> poll)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (poll() is var found && found.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return poll();
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(50);
        }
    }
}
