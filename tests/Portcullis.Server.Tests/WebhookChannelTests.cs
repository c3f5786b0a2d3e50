using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portcullis.Core.Notifications;
using Portcullis.Core.Notifications.Delivery;
using Portcullis.Core.Notifications.Webhooks;
using Portcullis.Core.Secrets;
using Portcullis.Core.Users;
using Portcullis.Server.Notifications.Webhooks;
using Portcullis.Testing;

namespace Portcullis.Server.Tests;

/// <summary>
/// The webhook channel against a real HTTP receiver on loopback; signatures are checked with the
/// <c>StandardWebhooks</c> library, not with the gate's own code.
/// </summary>
public sealed class WebhookChannelTests : IAsyncLifetime
{
    private TestWebhookReceiver _receiver = null!;
    private TestGate _gate = null!;
    private User _alice = null!;

    public async Task InitializeAsync()
    {
        _receiver = await TestWebhookReceiver.StartAsync();
        _gate = await TestGate.StartAsync(new Dictionary<string, string?>
        {
            ["Notifications:Webhooks:AllowPrivateNetworks"] = "true",
            ["Notifications:Webhooks:Timeout"] = "00:00:05", // generous on a busy machine; the slow receiver waits 30 s
            ["Notifications:Dispatcher:Enabled"] = "false", // these tests drive the sender themselves
        });

        // The library checks webhook-timestamp against the real clock.
        _gate.Time.SetUtcNow(DateTimeOffset.UtcNow);
        _alice = await _gate.CreateUserAsync("alice");
    }

    public async Task DisposeAsync()
    {
        await _gate.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private INotificationSender Sender => _gate.Services.GetServices<INotificationSender>().Single(s => s.Channel == NotificationChannel.Webhook);

    private (WebhookEndpoint Endpoint, string Secret) Endpoint(string url)
    {
        var key = StandardWebhookSigner.NewKey();
        var endpoint = new WebhookEndpoint
        {
            Id = Guid.NewGuid(),
            UserId = _alice.Id,
            Url = url,
            SecretCiphertext = _gate.Services.GetRequiredService<ISecretProtector>().Protect(key, StandardWebhookSigner.SecretPurpose),
            CreatedAt = _gate.Time.GetUtcNow(),
        };
        return (endpoint, StandardWebhookSigner.FormatSecret(key));
    }

    private OutgoingNotification Outgoing(WebhookEndpoint endpoint, Guid? deliveryId = null)
    {
        var now = _gate.Time.GetUtcNow();
        var notification = new NotificationEvent
        {
            Id = Guid.CreateVersion7(now),
            UserId = _alice.Id,
            Type = NotificationTypes.NewDevice,
            Severity = NotificationSeverity.Critical,
            Summary = "New sign-in from Firefox on Linux.",
            Data = "{\"device_id\":\"5b0c\",\"ip\":\"203.0.113.9\",\"nested\":{\"n\":1}}",
            CreatedAt = now,
        };
        var delivery = new NotificationDelivery
        {
            Id = deliveryId ?? Guid.CreateVersion7(now),
            EventId = notification.Id,
            UserId = _alice.Id,
            Channel = NotificationChannel.Webhook,
            TargetId = endpoint.Id,
            TargetDisplay = WebhookUrls.Display(endpoint.Url),
            NextAttemptAt = now,
            CreatedAt = now,
        };
        return new OutgoingNotification(delivery, notification, NotificationCatalog.Describe(notification.Type), _alice, null, endpoint, null);
    }

    [Fact]
    public async Task Send_PostsSignedJson_ThatTheStandardWebhooksLibraryAccepts()
    {
        var (endpoint, secret) = Endpoint(_receiver.Url.ToString());
        var outgoing = Outgoing(endpoint);

        var outcome = await Sender.SendAsync(outgoing, CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Ok, outcome);
        var request = Assert.Single(_receiver.Requests);
        request.Verify(secret);
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.Equal(outgoing.Delivery.Id.ToString(), request.Id);
        Assert.Equal(_gate.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), request.Timestamp);
        var json = request.Json;
        Assert.Equal("security.new_device", json.GetProperty("type").GetString());
        Assert.Equal(outgoing.Event.CreatedAt, json.GetProperty("timestamp").GetDateTimeOffset());
        var data = json.GetProperty("data");
        Assert.Equal(outgoing.Event.Id, data.GetProperty("event_id").GetGuid());
        Assert.Equal(_alice.Id, data.GetProperty("user_id").GetGuid());
        Assert.Equal("critical", data.GetProperty("severity").GetString());
        Assert.Equal("New sign-in from a new device", data.GetProperty("title").GetString());
        Assert.Equal("New sign-in from Firefox on Linux.", data.GetProperty("summary").GetString());
        Assert.Equal(1, data.GetProperty("details").GetProperty("nested").GetProperty("n").GetInt32());
        Assert.Equal("203.0.113.9", data.GetProperty("details").GetProperty("ip").GetString());
    }

    [Fact]
    public async Task AnEndpointAddedThroughTheApi_IsSignedWithTheSecretTheApiReturned()
    {
        using var client = _gate.CreateClient();
        var token = (await _gate.SignInAsync(client, "alice")).Token();
        var (status, created, _) = await client.PostJsonAsync("/api/v1/me/webhooks", new { url = _receiver.Url.ToString() }, token);
        Assert.Equal(HttpStatusCode.Created, status);
        await using var unit = await _gate.Services.GetRequiredService<Core.Persistence.IGateStore>().OpenAsync(CancellationToken.None);
        var endpoint = await unit.NotificationSettings.FindWebhookAsync(_alice.Id,
            Guid.Parse(created.GetProperty("webhook").GetProperty("id").GetString()!), CancellationToken.None);

        var outcome = await Sender.SendAsync(Outgoing(endpoint!), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Ok, outcome);
        Assert.Single(_receiver.Requests).Verify(created.GetProperty("secret").GetString()!);
    }

    [Fact]
    public async Task AServerError_IsRetried_AndTheRetryKeepsTheIdWithANewTimestamp()
    {
        var (endpoint, secret) = Endpoint(_receiver.Url.ToString());
        var outgoing = Outgoing(endpoint);
        _receiver.FailFirst(1);

        var first = await Sender.SendAsync(outgoing, CancellationToken.None);
        _gate.Time.Advance(TimeSpan.FromSeconds(30));
        var second = await Sender.SendAsync(outgoing, CancellationToken.None);

        Assert.False(first.Delivered);
        Assert.False(first.Permanent);
        Assert.Equal("http_500", first.Error);
        Assert.Equal(DeliveryOutcome.Ok, second);
        var requests = _receiver.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].Id, requests[1].Id);
        Assert.NotEqual(requests[0].Timestamp, requests[1].Timestamp);
        Assert.All(requests, r => Assert.True(r.HasValidSignature(secret)));
        requests[1].Verify(secret);
    }

    [Theory]
    [InlineData(410, true)]
    [InlineData(404, false)]
    [InlineData(429, false)]
    [InlineData(302, false)]
    public async Task NonSuccessStatuses_AreRetried_ExceptGone(int status, bool permanent)
    {
        var (endpoint, _) = Endpoint(_receiver.Url.ToString());
        _receiver.AnswerWith(status);

        var outcome = await Sender.SendAsync(Outgoing(endpoint), CancellationToken.None);

        Assert.False(outcome.Delivered);
        Assert.Equal(permanent, outcome.Permanent);
        Assert.Equal($"http_{status}", outcome.Error);
    }

    [Fact]
    public async Task ASlowReceiver_TimesOut_AndIsRetried()
    {
        var (endpoint, _) = Endpoint(_receiver.Url.ToString());
        _receiver.AnswerWith(200, TimeSpan.FromSeconds(30));

        var outcome = await Sender.SendAsync(Outgoing(endpoint), CancellationToken.None);

        Assert.False(outcome.Delivered);
        Assert.False(outcome.Permanent);
        Assert.Equal("timeout", outcome.Error);
    }

    [Fact]
    public async Task AClosedPort_IsRetried_AndTheErrorDoesNotCarryTheUrl()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var (endpoint, _) = Endpoint($"http://127.0.0.1:{port}/hook?token=query-secret");

        var outcome = await Sender.SendAsync(Outgoing(endpoint), CancellationToken.None);

        Assert.False(outcome.Delivered);
        Assert.False(outcome.Permanent);
        Assert.DoesNotContain("query-secret", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("query-secret", _gate.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARemovedEndpoint_OrAnUnreadableSecret_GivesUp_WithoutARequest()
    {
        var (removed, _) = Endpoint(_receiver.Url.ToString());
        removed.DisabledAt = _gate.Time.GetUtcNow();
        var (damaged, _) = Endpoint(_receiver.Url.ToString());
        damaged.SecretCiphertext = [1, 2, 3];

        var gone = await Sender.SendAsync(Outgoing(removed), CancellationToken.None);
        var unreadable = await Sender.SendAsync(Outgoing(damaged), CancellationToken.None);

        Assert.True(gone.Permanent);
        Assert.Equal("endpoint_removed", gone.Error);
        Assert.True(unreadable.Permanent);
        Assert.Equal("secret_unreadable", unreadable.Error);
        Assert.Empty(_receiver.Requests);
    }

    [Fact]
    public async Task TheSecretAndTheQuery_NeverReachTheLogs()
    {
        var (endpoint, secret) = Endpoint(new Uri(_receiver.Url, "?token=query-secret").ToString());
        _receiver.FailFirst(1);

        await Sender.SendAsync(Outgoing(endpoint), CancellationToken.None);
        await Sender.SendAsync(Outgoing(endpoint), CancellationToken.None);

        Assert.Equal(2, _receiver.Requests.Count);
        Assert.DoesNotContain("query-secret", _gate.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(secret["whsec_".Length..], _gate.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrivateAddresses_AreRefused_WhenPrivateNetworksAreNotAllowed()
    {
        await using var strict = await TestGate.StartAsync();
        var sender = strict.Services.GetServices<INotificationSender>().Single(s => s.Channel == NotificationChannel.Webhook);
        var protector = strict.Services.GetRequiredService<ISecretProtector>();
        foreach (var url in new[] { _receiver.Url.ToString(), $"https://127.0.0.1:{_receiver.Url.Port}/hook", $"https://localhost:{_receiver.Url.Port}/hook" })
        {
            var (endpoint, _) = Endpoint(url);
            endpoint.SecretCiphertext = protector.Protect(StandardWebhookSigner.NewKey(), StandardWebhookSigner.SecretPurpose);

            var outcome = await sender.SendAsync(Outgoing(endpoint), CancellationToken.None);

            Assert.True(outcome.Permanent, url);
            Assert.Equal("url_not_allowed", outcome.Error);
        }

        Assert.Empty(_receiver.Requests);
    }

    [Fact]
    public async Task TheConnector_RefusesNamesThatResolveToPrivateAddresses()
    {
        // A public-looking name that resolves to loopback at send time (DNS rebinding) is caught when connecting.
        var strict = new WebhookConnector(Options.Create(new NotificationOptions()));
        var lenient = new WebhookConnector(Options.Create(new NotificationOptions { Webhooks = new WebhookOptions { AllowPrivateNetworks = true } }));

        await Assert.ThrowsAsync<WebhookAddressRefusedException>(async () =>
            await strict.ConnectAsync(new DnsEndPoint("localhost", _receiver.Url.Port), CancellationToken.None));
        await Assert.ThrowsAsync<WebhookAddressRefusedException>(async () =>
            await strict.ConnectAsync(new DnsEndPoint("127.0.0.1", _receiver.Url.Port), CancellationToken.None));
        await using var stream = await lenient.ConnectAsync(new DnsEndPoint("localhost", _receiver.Url.Port), CancellationToken.None);
        Assert.True(stream.CanWrite);
    }
}
