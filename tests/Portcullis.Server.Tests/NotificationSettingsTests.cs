using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Audit;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;
using Portcullis.Testing;

namespace Portcullis.Server.Tests;

/// <summary>Addresses, preferences, the anti-phishing phrase and webhook endpoints over HTTP.</summary>
public sealed class NotificationSettingsTests : IAsyncLifetime
{
    private TestGate _gate = null!;
    private HttpClient _client = null!;
    private string _token = null!;
    private Guid _aliceId;

    public async Task InitializeAsync()
    {
        _gate = await TestGate.StartAsync(new Dictionary<string, string?>
        {
            ["SignIn:Network:FreeAttempts"] = "1000",
            ["Notifications:MaxContacts"] = "3",
            ["Notifications:MaxWebhooks"] = "2",
            ["Notifications:Dispatcher:Enabled"] = "false",
        });
        _aliceId = (await _gate.CreateUserAsync("alice")).Id;
        await _gate.CreateUserAsync("mallory");
        _client = _gate.CreateClient();
        _token = (await _gate.SignInAsync(_client, "alice")).Token();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gate.DisposeAsync();
    }

    private Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> Send(HttpMethod method, string path, object? body = null,
        string? token = null) =>
        _client.SendAsync(method, path, token ?? _token, body is null ? null : JsonSerializer.Serialize(body));

    private async Task<string> AddContactAsync(string channel, string address, string? token = null)
    {
        var (status, body, _) = await Send(HttpMethod.Post, "/api/v1/me/notification-contacts", new { channel, address }, token);
        Assert.Equal(HttpStatusCode.Created, status);
        return body.GetProperty("id").GetString()!;
    }

    private async Task<IReadOnlyList<NotificationEvent>> EventsAsync()
    {
        await using var unit = await _gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        return await unit.Notifications.ListForUserAsync(_aliceId, 100, CancellationToken.None);
    }

    // Addresses

    [Fact]
    public async Task AddingAnAddress_NormalisesIt_AuditsIt_AndAnnouncesIt()
    {
        var (status, body, response) = await Send(HttpMethod.Post, "/api/v1/me/notification-contacts",
            new { channel = "email", address = " Alice@Example.COM ", label = "Work" });

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("Alice@example.com", body.GetProperty("address").GetString());
        Assert.Equal("email", body.GetProperty("channel").GetString());
        Assert.Equal("Work", body.GetProperty("label").GetString());
        Assert.EndsWith(body.GetProperty("id").GetString()!, response.Headers.Location!.ToString(), StringComparison.Ordinal);
        var (_, list, _) = await _client.GetJsonAsync("/api/v1/me/notification-contacts", _token);
        Assert.Equal("Alice@example.com", Assert.Single(list.EnumerateArray()).GetProperty("address").GetString());
        var audit = Assert.Single(await _gate.ReadAuditAsync(), e => e.Type == AuditEventTypes.NotificationContactAdded);
        Assert.Equal("A•••@example.com", JsonDocument.Parse(audit.Data).RootElement.GetProperty("address").GetString());
        var announced = Assert.Single(await EventsAsync(), e => e.Type == NotificationTypes.ContactAdded);
        Assert.Equal(NotificationSeverity.Critical, announced.Severity);
        Assert.Contains("A•••@example.com", announced.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Alice@example.com", announced.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APhoneNumber_IsStoredInE164()
    {
        var (status, body, _) = await Send(HttpMethod.Post, "/api/v1/me/notification-contacts", new { channel = "sms", address = "+41 44 668 18 00" });

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("+41446681800", body.GetProperty("address").GetString());
    }

    [Theory]
    [InlineData("email", "Alice <alice@example.com>", "notification.contact_invalid")]
    [InlineData("email", "alice@example.com, bob@example.com", "notification.contact_invalid")]
    [InlineData("email", "alice", "notification.contact_invalid")]
    [InlineData("sms", "0446681800", "notification.contact_invalid")]
    [InlineData("webhook", "https://example.com", "notification.channel_unknown")]
    [InlineData("pager", "123", "notification.channel_unknown")]
    public async Task BadAddresses_AreRefusedWithTheirCode(string channel, string address, string code)
    {
        var (status, body, _) = await Send(HttpMethod.Post, "/api/v1/me/notification-contacts", new { channel, address });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, body.Code());
    }

    [Fact]
    public async Task AnAddress_WithMissingFieldsOrBadJson_IsABadRequest()
    {
        var (missing, missingBody, _) = await Send(HttpMethod.Post, "/api/v1/me/notification-contacts", new { channel = "email" });
        var (empty, emptyBody, _) = await _client.SendAsync(HttpMethod.Post, "/api/v1/me/notification-contacts", _token);
        var (malformed, malformedBody, _) = await _client.SendAsync(HttpMethod.Post, "/api/v1/me/notification-contacts", _token, "{\"channel\":");
        var (tooLong, tooLongBody, _) = await Send(HttpMethod.Post, "/api/v1/me/notification-contacts",
            new { channel = "email", address = "a@example.com", label = new string('x', 65) });

        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Equal("request.invalid", missingBody.Code());
        Assert.True(missingBody.GetProperty("errors").TryGetProperty("address", out _));
        Assert.Equal(HttpStatusCode.BadRequest, empty);
        Assert.Equal("request.invalid", emptyBody.Code());
        Assert.Equal(HttpStatusCode.BadRequest, malformed);
        Assert.Equal("request.malformed_json", malformedBody.Code());
        Assert.Equal(HttpStatusCode.BadRequest, tooLong);
        Assert.Equal("notification.contact_invalid", tooLongBody.Code());
    }

    [Fact]
    public async Task Duplicates_AndMoreThanTheLimit_AreRefused()
    {
        await AddContactAsync("email", "alice@example.com");

        var (duplicate, duplicateBody, _) = await Send(HttpMethod.Post, "/api/v1/me/notification-contacts", new { channel = "email", address = "alice@EXAMPLE.com" });
        await AddContactAsync("sms", "+41446681800");
        await AddContactAsync("email", "alice@work.example.com");
        var (over, overBody, _) = await Send(HttpMethod.Post, "/api/v1/me/notification-contacts", new { channel = "email", address = "alice@home.example.com" });

        Assert.Equal(HttpStatusCode.Conflict, duplicate);
        Assert.Equal("notification.contact_exists", duplicateBody.Code());
        Assert.Equal(HttpStatusCode.Conflict, over);
        Assert.Equal("notification.contact_limit", overBody.Code());
    }

    [Fact]
    public async Task RemovingAnAddress_IsAuditedAndAnnounced_AndOnlyTheOwnerCanRemoveIt()
    {
        await AddContactAsync("email", "alice@example.com");
        var id = await AddContactAsync("email", "alice@old.example.com");
        var mallory = (await _gate.SignInAsync(_client, "mallory")).Token();

        var (stranger, strangerBody, _) = await Send(HttpMethod.Delete, $"/api/v1/me/notification-contacts/{id}", token: mallory);
        var (status, _, _) = await Send(HttpMethod.Delete, $"/api/v1/me/notification-contacts/{id}");
        var (again, againBody, _) = await Send(HttpMethod.Delete, $"/api/v1/me/notification-contacts/{id}");

        Assert.Equal(HttpStatusCode.NotFound, stranger);
        Assert.Equal("notification.not_found", strangerBody.Code());
        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal(HttpStatusCode.NotFound, again);
        Assert.Equal("notification.not_found", againBody.Code());
        Assert.Single(await _gate.ReadAuditAsync(), e => e.Type == AuditEventTypes.NotificationContactRemoved);
        Assert.Contains(await EventsAsync(), e => e.Type == NotificationTypes.ContactRemoved && e.Summary.Contains("a•••@old.example.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheLastAddressForSecurityAlerts_CannotBeRemoved()
    {
        var id = await AddContactAsync("email", "alice@example.com");

        var (status, body, _) = await Send(HttpMethod.Delete, $"/api/v1/me/notification-contacts/{id}");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("notification.last_contact", body.Code());
        await AddContactAsync("sms", "+41446681800");
        Assert.Equal(HttpStatusCode.NoContent, (await Send(HttpMethod.Delete, $"/api/v1/me/notification-contacts/{id}")).Status);
    }

    // Preferences

    [Fact]
    public async Task Preferences_ListEveryTypeAndChannel_WithLocks()
    {
        var (status, list, _) = await _client.GetJsonAsync("/api/v1/me/notification-preferences", _token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(NotificationCatalog.Everything.Count(), list.GetArrayLength());
        var newDevice = list.EnumerateArray().Single(p => p.GetProperty("type").GetString() == NotificationTypes.NewDevice);
        Assert.True(newDevice.GetProperty("locked").GetBoolean());
        Assert.Equal("critical", newDevice.GetProperty("severity").GetString());
        Assert.True(newDevice.GetProperty("channels").GetProperty("email").GetBoolean());
        Assert.True(newDevice.GetProperty("channels").GetProperty("sms").GetBoolean());
        Assert.True(newDevice.GetProperty("channels").GetProperty("webhook").GetBoolean());
        var trade = list.EnumerateArray().Single(p => p.GetProperty("type").GetString() == NotificationTypes.TradeExecuted);
        Assert.False(trade.GetProperty("locked").GetBoolean());
        Assert.False(trade.GetProperty("channels").GetProperty("sms").GetBoolean());
    }

    [Fact]
    public async Task AChoice_IsStored_AndGoingBackToTheDefault_DeletesIt()
    {
        var (off, offBody, _) = await Send(HttpMethod.Put, "/api/v1/me/notification-preferences",
            new { type = NotificationTypes.TradeExecuted, channel = "email", enabled = false });
        var stored = await StoredPreferencesAsync();
        var (_, list, _) = await _client.GetJsonAsync("/api/v1/me/notification-preferences", _token);
        var (on, _, _) = await Send(HttpMethod.Put, "/api/v1/me/notification-preferences",
            new { type = NotificationTypes.TradeExecuted, channel = "email", enabled = true });

        Assert.Equal(HttpStatusCode.OK, off);
        Assert.False(offBody.GetProperty("channels").GetProperty("email").GetBoolean());
        var row = Assert.Single(stored);
        Assert.False(row.Enabled);
        Assert.False(list.EnumerateArray().Single(p => p.GetProperty("type").GetString() == NotificationTypes.TradeExecuted)
            .GetProperty("channels").GetProperty("email").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, on);
        Assert.Empty(await StoredPreferencesAsync());
        Assert.Equal(2, (await _gate.ReadAuditAsync()).Count(e => e.Type == AuditEventTypes.NotificationPreferenceChanged));
    }

    [Fact]
    public async Task SecurityAlerts_KeepEmailOrSms()
    {
        // Without a phone number, email cannot be switched off for a critical type.
        var (alone, aloneBody, _) = await Send(HttpMethod.Put, "/api/v1/me/notification-preferences",
            new { type = NotificationTypes.NewDevice, channel = "email", enabled = false });
        await AddContactAsync("email", "alice@example.com");
        await AddContactAsync("sms", "+41446681800");
        var (emailOff, _, _) = await Send(HttpMethod.Put, "/api/v1/me/notification-preferences",
            new { type = NotificationTypes.NewDevice, channel = "email", enabled = false });
        var (smsOff, smsOffBody, _) = await Send(HttpMethod.Put, "/api/v1/me/notification-preferences",
            new { type = NotificationTypes.NewDevice, channel = "sms", enabled = false });
        var (webhookOff, _, _) = await Send(HttpMethod.Put, "/api/v1/me/notification-preferences",
            new { type = NotificationTypes.NewDevice, channel = "webhook", enabled = false });

        Assert.Equal(HttpStatusCode.Conflict, alone);
        Assert.Equal("notification.preference_locked", aloneBody.Code());
        Assert.Equal(HttpStatusCode.OK, emailOff);
        Assert.Equal(HttpStatusCode.Conflict, smsOff);
        Assert.Equal("notification.preference_locked", smsOffBody.Code());
        Assert.Equal(HttpStatusCode.OK, webhookOff);
    }

    [Theory]
    [InlineData("{\"type\":\"security.nope\",\"channel\":\"email\",\"enabled\":false}", "notification.type_unknown")]
    [InlineData("{\"type\":\"trade.executed\",\"channel\":\"pigeon\",\"enabled\":false}", "notification.channel_unknown")]
    [InlineData("{\"type\":\"trade.executed\",\"channel\":\"email\"}", "request.invalid")]
    [InlineData("{\"channel\":\"email\",\"enabled\":true}", "request.invalid")]
    [InlineData("{\"type\":\"trade.executed\",\"channel\":\"email\",\"enabled\":\"no\"}", "request.malformed_json")]
    public async Task BadPreferenceChanges_AreBadRequests(string json, string code)
    {
        var (status, body, _) = await _client.SendAsync(HttpMethod.Put, "/api/v1/me/notification-preferences", _token, json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, body.Code());
    }

    private async Task<IReadOnlyList<NotificationPreference>> StoredPreferencesAsync()
    {
        await using var unit = await _gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        return await unit.NotificationSettings.ListPreferencesAsync(_aliceId, CancellationToken.None);
    }

    // Anti-phishing phrase

    [Fact]
    public async Task ThePhrase_IsSetNormalised_ReadBack_AndCleared_WithoutReachingTheAuditOrLogs()
    {
        var (none, noneBody, _) = await _client.GetJsonAsync("/api/v1/me/anti-phishing-phrase", _token);
        var (set, setBody, _) = await Send(HttpMethod.Put, "/api/v1/me/anti-phishing-phrase", new { phrase = "  ｐｕｒｐｌｅ otter 42 " });
        var (_, readBody, _) = await _client.GetJsonAsync("/api/v1/me/anti-phishing-phrase", _token);
        var (cleared, _, _) = await Send(HttpMethod.Delete, "/api/v1/me/anti-phishing-phrase");
        var (_, afterBody, _) = await _client.GetJsonAsync("/api/v1/me/anti-phishing-phrase", _token);

        Assert.Equal(HttpStatusCode.OK, none);
        Assert.Equal(JsonValueKind.Null, noneBody.GetProperty("phrase").ValueKind);
        Assert.False(noneBody.GetProperty("set").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, set);
        Assert.Equal("purple otter 42", setBody.GetProperty("phrase").GetString());
        Assert.Equal("purple otter 42", readBody.GetProperty("phrase").GetString());
        Assert.True(readBody.GetProperty("set").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, cleared);
        Assert.Equal(JsonValueKind.Null, afterBody.GetProperty("phrase").ValueKind);
        var audit = await _gate.ReadAuditAsync();
        Assert.Contains(audit, e => e.Type == AuditEventTypes.NotificationPhraseSet);
        Assert.Contains(audit, e => e.Type == AuditEventTypes.NotificationPhraseCleared);
        Assert.DoesNotContain(audit, e => e.Data.Contains("otter", StringComparison.Ordinal));
        Assert.DoesNotContain("otter", _gate.Logs.All, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"phrase\":\"abc\"}", "notification.phrase_invalid")]
    [InlineData("{\"phrase\":\"line\\nbreak\"}", "notification.phrase_invalid")]
    [InlineData("{\"phrase\":\"0123456789012345678901234567890123456789012345678901234567890123456789\"}", "notification.phrase_invalid")]
    [InlineData("{}", "request.invalid")]
    [InlineData("{\"phrase\":42}", "request.malformed_json")]
    public async Task BadPhrases_AreBadRequests(string json, string code)
    {
        var (status, body, _) = await _client.SendAsync(HttpMethod.Put, "/api/v1/me/anti-phishing-phrase", _token, json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, body.Code());
    }

    // Webhook endpoints

    [Fact]
    public async Task AddingAWebhook_ReturnsItsSecretOnce_StoresItEncrypted_AndAnnouncesIt()
    {
        var (status, body, _) = await Send(HttpMethod.Post, "/api/v1/me/webhooks",
            new { url = "https://hooks.example.com/portcullis?token=query-secret", description = "SIEM", event_types = new[] { "security.new_device", "trade.executed" } });
        var (_, list, _) = await _client.GetJsonAsync("/api/v1/me/webhooks", _token);

        Assert.Equal(HttpStatusCode.Created, status);
        var secret = body.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        var webhook = body.GetProperty("webhook");
        Assert.Equal("https://hooks.example.com/portcullis?token=query-secret", webhook.GetProperty("url").GetString());
        Assert.Equal(["security.new_device", "trade.executed"], webhook.GetProperty("event_types").EnumerateArray().Select(t => t.GetString()));
        var listed = Assert.Single(list.EnumerateArray());
        Assert.False(listed.TryGetProperty("secret", out _));
        Assert.DoesNotContain(secret["whsec_".Length..], list.ToString(), StringComparison.Ordinal);
        var audit = Assert.Single(await _gate.ReadAuditAsync(), e => e.Type == AuditEventTypes.NotificationWebhookAdded);
        Assert.DoesNotContain("query-secret", audit.Data, StringComparison.Ordinal);
        var announced = Assert.Single(await EventsAsync(), e => e.Type == NotificationTypes.WebhookAdded);
        Assert.Contains("https://hooks.example.com/portcullis", announced.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("query-secret", announced.Summary + announced.Data, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"url\":\"http://hooks.example.com/x\"}", "notification.webhook_invalid")]
    [InlineData("{\"url\":\"https://127.0.0.1/x\"}", "notification.webhook_invalid")]
    [InlineData("{\"url\":\"https://localhost:8443/x\"}", "notification.webhook_invalid")]
    [InlineData("{\"url\":\"https://10.0.0.8/x\"}", "notification.webhook_invalid")]
    [InlineData("{\"url\":\"https://[::1]/x\"}", "notification.webhook_invalid")]
    [InlineData("{\"url\":\"https://169.254.169.254/latest/meta-data\"}", "notification.webhook_invalid")]
    [InlineData("{\"url\":\"not a url\"}", "notification.webhook_invalid")]
    [InlineData("{\"url\":\"https://hooks.example.com/x\",\"event_types\":[\"security.nope\"]}", "notification.webhook_invalid")]
    [InlineData("{\"url\":\"https://hooks.example.com/x\",\"event_types\":[]}", "notification.webhook_invalid")]
    [InlineData("{\"url\":\"https://hooks.example.com/x\",\"event_types\":\"security.new_device\"}", "request.malformed_json")]
    [InlineData("{\"description\":\"no url\"}", "request.invalid")]
    public async Task BadWebhooks_AreBadRequests(string json, string code)
    {
        var (status, body, _) = await _client.SendAsync(HttpMethod.Post, "/api/v1/me/webhooks", _token, json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, body.Code());
    }

    [Fact]
    public async Task RemovingAWebhook_DisablesIt_KeepsTheRow_AndFreesItsPlace()
    {
        var (_, first, _) = await Send(HttpMethod.Post, "/api/v1/me/webhooks", new { url = "https://a.example.com/hook" });
        await Send(HttpMethod.Post, "/api/v1/me/webhooks", new { url = "https://b.example.com/hook" });
        var (over, overBody, _) = await Send(HttpMethod.Post, "/api/v1/me/webhooks", new { url = "https://c.example.com/hook" });
        var id = first.GetProperty("webhook").GetProperty("id").GetString()!;
        var mallory = (await _gate.SignInAsync(_client, "mallory")).Token();

        var (stranger, _, _) = await Send(HttpMethod.Delete, $"/api/v1/me/webhooks/{id}", token: mallory);
        var (removed, _, _) = await Send(HttpMethod.Delete, $"/api/v1/me/webhooks/{id}");
        var (again, againBody, _) = await Send(HttpMethod.Delete, $"/api/v1/me/webhooks/{id}");
        var (_, list, _) = await _client.GetJsonAsync("/api/v1/me/webhooks", _token);
        var (room, _, _) = await Send(HttpMethod.Post, "/api/v1/me/webhooks", new { url = "https://c.example.com/hook" });

        Assert.Equal(HttpStatusCode.Conflict, over);
        Assert.Equal("notification.webhook_limit", overBody.Code());
        Assert.Equal(HttpStatusCode.NotFound, stranger);
        Assert.Equal(HttpStatusCode.NoContent, removed);
        Assert.Equal(HttpStatusCode.NotFound, again);
        Assert.Equal("notification.not_found", againBody.Code());
        Assert.DoesNotContain(list.EnumerateArray(), w => w.GetProperty("id").GetString() == id);
        Assert.Equal(HttpStatusCode.Created, room);
        await using var unit = await _gate.Services.GetRequiredService<IGateStore>().OpenAsync(CancellationToken.None);
        var row = await unit.NotificationSettings.FindWebhookAsync(null, Guid.Parse(id), CancellationToken.None);
        Assert.NotNull(row!.DisabledAt);
        Assert.Contains(await EventsAsync(), e => e.Type == NotificationTypes.WebhookRemoved);
        Assert.Contains(await _gate.ReadAuditAsync(), e => e.Type == AuditEventTypes.NotificationWebhookRemoved);
    }

    [Fact]
    public async Task RotatingAWebhookSecret_ReturnsANewOne()
    {
        var (_, created, _) = await Send(HttpMethod.Post, "/api/v1/me/webhooks", new { url = "https://a.example.com/hook" });
        var id = created.GetProperty("webhook").GetProperty("id").GetString()!;

        var (status, rotated, _) = await Send(HttpMethod.Post, $"/api/v1/me/webhooks/{id}/rotate-secret");
        var (missing, missingBody, _) = await Send(HttpMethod.Post, $"/api/v1/me/webhooks/{Guid.NewGuid()}/rotate-secret");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("whsec_", rotated.GetProperty("secret").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(created.GetProperty("secret").GetString(), rotated.GetProperty("secret").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal("notification.not_found", missingBody.Code());
    }

    [Theory]
    [InlineData("GET", "/api/v1/me/notification-contacts")]
    [InlineData("GET", "/api/v1/me/notification-preferences")]
    [InlineData("GET", "/api/v1/me/anti-phishing-phrase")]
    [InlineData("GET", "/api/v1/me/webhooks")]
    [InlineData("GET", "/api/v1/me/notifications")]
    public async Task EveryRoute_RequiresASession(string method, string path)
    {
        var (status, body, _) = await _client.SendAsync(new HttpMethod(method), path);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("auth.required", body.Code());
    }
    [Theory]
    [InlineData("POST", "/api/v1/me/notification-contacts", "{\"channel\":\"email\",\"address\":\"mallory@example.com\"}")]
    [InlineData("PUT", "/api/v1/me/notification-preferences", "{\"type\":\"security.new_device\",\"channel\":\"webhook\",\"enabled\":false}")]
    [InlineData("POST", "/api/v1/me/webhooks", "{\"url\":\"https://hooks.example.com/x\"}")]
    public async Task SecurityChanges_InAStaleSession_NeedAFreshProof(string method, string path, string body)
    {
        _gate.Time.Advance(TimeSpan.FromMinutes(6));

        var (status, problem, _) = await _client.SendAsync(new HttpMethod(method), path, _token, body);

        Assert.Equal((HttpStatusCode.Unauthorized, "policy.step_up_required"), (status, problem.Code()));
        var fresh = (await _gate.SignInAsync(_client, "alice")).Token();
        Assert.True((await _client.SendAsync(new HttpMethod(method), path, fresh, body)).Status is HttpStatusCode.OK or HttpStatusCode.Created);
    }
}
