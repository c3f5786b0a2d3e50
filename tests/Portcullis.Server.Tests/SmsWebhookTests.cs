using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portcullis.Testing;

namespace Portcullis.Server.Tests;

/// <summary>
/// SMS codes through the webhook sender, received by a real HTTP endpoint on loopback that plays the SMS
/// gateway and checks nothing itself: the tests verify the Standard Webhooks signature independently.
/// </summary>
public sealed partial class SmsWebhookTests : IAsyncLifetime
{
    private const string Phone = "+41446681800";
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    private readonly ConcurrentQueue<Delivery> _deliveries = new();
    private WebApplication _receiver = null!;
    private TestGate _gate = null!;
    private HttpClient _client = null!;

    /// <summary>How the fake gateway answers: a status, after a delay.</summary>
    private (int Status, TimeSpan Delay) _answer = (StatusCodes.Status202Accepted, TimeSpan.Zero);

    private sealed record Delivery(string Id, string Timestamp, string Signature, string ContentType, byte[] Body)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _receiver = builder.Build();
        _receiver.MapPost("/sms", async (HttpContext http) =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            _deliveries.Enqueue(new Delivery(http.Request.Headers["webhook-id"].ToString(), http.Request.Headers["webhook-timestamp"].ToString(),
                http.Request.Headers["webhook-signature"].ToString(), http.Request.ContentType ?? string.Empty, buffer.ToArray()));
            await Task.Delay(_answer.Delay, http.RequestAborted);
            return Results.StatusCode(_answer.Status);
        });
        await _receiver.StartAsync();
        var address = _receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        _gate = await TestGate.StartAsync(new Dictionary<string, string?>
        {
            ["SignIn:Network:FreeAttempts"] = "1000",
            ["Factors:Sms:Enabled"] = "true",
            ["Factors:Sms:Sender"] = "webhook",
            ["Factors:Sms:WebhookUrl"] = address + "/sms",
            ["Factors:Sms:WebhookSecret"] = "whsec_" + Convert.ToBase64String(Key),
            ["Factors:Sms:WebhookTimeout"] = "00:00:01",
        });
        await _gate.CreateUserAsync("alice");
        _client = _gate.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gate.DisposeAsync();
        await _receiver.StopAsync();
        await _receiver.DisposeAsync();
    }

    private Delivery Last => _deliveries.Last();

    private static string CodeOf(Delivery delivery) =>
        CodePattern().Match(delivery.Json.GetProperty("message").GetString()!).Groups[1].Value;

    private async Task<string> EnrolAsync()
    {
        var token = (await _gate.SignInAsync(_client, "alice")).Token();
        var (status, body, _) = await _client.PostJsonAsync("/api/v1/factors/sms", new { phone = Phone }, token);
        Assert.Equal(HttpStatusCode.OK, status);
        var factorId = body.GetProperty("factor").GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await _client.PostJsonAsync($"/api/v1/factors/sms/{factorId}/confirm", new { code = CodeOf(Last) }, token)).Status);
        return factorId;
    }

    [Fact]
    public async Task EachMessage_IsPostedAsSignedJson()
    {
        var token = (await _gate.SignInAsync(_client, "alice")).Token();

        Assert.Equal(HttpStatusCode.OK, (await _client.PostJsonAsync("/api/v1/factors/sms", new { phone = Phone }, token)).Status);

        var delivery = Assert.Single(_deliveries);
        Assert.StartsWith("application/json", delivery.ContentType, StringComparison.Ordinal);
        Assert.Equal(Phone, delivery.Json.GetProperty("to").GetString());
        Assert.Matches("^[0-9]{6}$", CodeOf(delivery));
        Assert.StartsWith("msg_", delivery.Id, StringComparison.Ordinal);
        Assert.Equal(_gate.Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), delivery.Timestamp);

        // Standard Webhooks: base64 HMAC-SHA256 over "{id}.{timestamp}.{body}", prefixed "v1,".
        var signed = Encoding.UTF8.GetBytes($"{delivery.Id}.{delivery.Timestamp}.").Concat(delivery.Body).ToArray();
        Assert.Equal("v1," + Convert.ToBase64String(HMACSHA256.HashData(Key, signed)), delivery.Signature);
    }

    [Fact]
    public async Task SignIn_WithTheCodeDeliveredByWebhook_Works()
    {
        var factorId = await EnrolAsync();
        var (_, started, _) = await _client.PostJsonAsync("/api/v1/sign-in", new { username = "alice", password = TestGate.StrongPassword });
        var handle = started.GetProperty("flow").GetProperty("handle").GetString();

        Assert.Equal(HttpStatusCode.OK, (await _client.PostJsonAsync("/api/v1/sign-in/sms", new { flow = handle, factor_id = factorId })).Status);
        var (status, body, _) = await _client.PostJsonAsync("/api/v1/sign-in/sms/verify", new { flow = handle, code = CodeOf(Last) });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("restricted", body.GetProperty("session").GetProperty("authentications")[1].GetProperty("class").GetString());
        Assert.Equal(2, _deliveries.Select(d => d.Id).Distinct().Count());
    }

    [Fact]
    public async Task AGatewayError_IsAStableProblem_AndIsAudited()
    {
        var token = (await _gate.SignInAsync(_client, "alice")).Token();
        _answer = (StatusCodes.Status500InternalServerError, TimeSpan.Zero);

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/factors/sms", new { phone = Phone }, token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("sms.delivery_failed", body.Code());
        Assert.Contains(await _gate.ReadAuditAsync(), e => e.Type == "sms.send_failed" && e.Code == "webhook_status_500");
    }

    [Fact]
    public async Task ASlowGateway_TimesOut()
    {
        var token = (await _gate.SignInAsync(_client, "alice")).Token();
        _answer = (StatusCodes.Status202Accepted, TimeSpan.FromSeconds(5));

        var (status, body, _) = await _client.PostJsonAsync("/api/v1/factors/sms", new { phone = Phone }, token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("sms.delivery_failed", body.Code());
        Assert.Contains(await _gate.ReadAuditAsync(), e => e.Type == "sms.send_failed" && e.Code == "webhook_timeout");
    }

    [Fact]
    public async Task Logs_NeverContainTheCodeOrTheSecret()
    {
        await EnrolAsync();

        var logs = _gate.Logs.All;
        Assert.DoesNotMatch($"(?<![0-9A-Za-z]){CodeOf(Last)}(?![0-9A-Za-z])", logs);
        Assert.DoesNotContain(Convert.ToBase64String(Key), logs, StringComparison.Ordinal);
        Assert.DoesNotContain(Last.Signature, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(Phone, logs, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\b([0-9]{6})\b")]
    private static partial Regex CodePattern();
}
