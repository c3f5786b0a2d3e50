using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Portcullis.Core.Notifications;
using Portcullis.Core.Notifications.Delivery;
using Portcullis.Core.Notifications.Webhooks;
using Portcullis.Core.Secrets;

namespace Portcullis.Server.Notifications.Webhooks;

/// <summary>
/// The webhook channel: POSTs each delivery to its endpoint as a Standard Webhook (see <see cref="StandardWebhookSigner"/>):
/// 1. the body is <c>{"type", "timestamp", "data": {"event_id", "user_id", "severity", "title", "summary", "details"}}</c>;
/// 2. <c>webhook-id</c> is the delivery's id, the same on every retry, so receivers can drop duplicates;
/// 3. <c>webhook-timestamp</c> is the time of this attempt; <c>webhook-signature</c> is keyed with the endpoint's secret.
/// Any 2xx is delivered; 410 Gone gives up (the receiver says the endpoint is no more); other statuses, timeouts and
/// connection errors are retried by the dispatcher. A removed endpoint, an unreadable secret or a URL or address the
/// SSRF rules refuse (<see cref="WebhookUrls"/>, <see cref="WebhookConnector"/>) give up. Nothing logged or returned
/// as an error carries the URL's query, the secret or the body.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, ISecretProtector protector, IOptions<NotificationOptions> options,
    TimeProvider time, ILogger<WebhookSender> logger) : INotificationSender
{
    public const string HttpClientName = "notification-webhooks";

    public NotificationChannel Channel => NotificationChannel.Webhook;

    public async Task<DeliveryOutcome> SendAsync(OutgoingNotification notification, CancellationToken cancellationToken)
    {
        var endpoint = notification.Webhook;
        var deliveryId = notification.Delivery.Id;
        if (endpoint is null || endpoint.DisabledAt is not null)
        {
            logger.LogInformation("Webhook delivery {DeliveryId} dropped: the endpoint was removed", deliveryId);
            return DeliveryOutcome.GiveUp("endpoint_removed");
        }

        var settings = options.Value.Webhooks;
        var (url, _) = WebhookUrls.Check(endpoint.Url, settings.AllowPrivateNetworks);
        if (url is null)
        {
            logger.LogWarning("Webhook delivery {DeliveryId} to endpoint {EndpointId} refused: URL not allowed", deliveryId, endpoint.Id);
            return DeliveryOutcome.GiveUp("url_not_allowed");
        }

        var key = protector.Unprotect(endpoint.SecretCiphertext, StandardWebhookSigner.SecretPurpose);
        if (key is null)
        {
            logger.LogWarning("Webhook delivery {DeliveryId} to endpoint {EndpointId} dropped: its secret cannot be decrypted", deliveryId, endpoint.Id);
            return DeliveryOutcome.GiveUp("secret_unreadable");
        }

        var id = deliveryId.ToString("D", CultureInfo.InvariantCulture);
        var timestamp = StandardWebhookSigner.Timestamp(time.GetUtcNow());
        var body = Payload(notification);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(StandardWebhookSigner.IdHeader, id);
        request.Headers.Add(StandardWebhookSigner.TimestampHeader, timestamp);
        request.Headers.Add(StandardWebhookSigner.SignatureHeader, StandardWebhookSigner.Sign(key, id, timestamp, body));
        CryptographicOperations.ZeroMemory(key);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            using var http = clients.CreateClient(HttpClientName);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                logger.LogInformation("Webhook delivery {DeliveryId} to endpoint {EndpointId} accepted ({Status})", deliveryId, endpoint.Id, status);
                return DeliveryOutcome.Ok;
            }

            var error = string.Create(CultureInfo.InvariantCulture, $"http_{status}");
            logger.LogWarning("Webhook delivery {DeliveryId} to endpoint {EndpointId} answered {Status}", deliveryId, endpoint.Id, status);
            return response.StatusCode == HttpStatusCode.Gone ? DeliveryOutcome.GiveUp(error) : DeliveryOutcome.Retry(error);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Webhook delivery {DeliveryId} to endpoint {EndpointId} timed out after {Timeout}", deliveryId, endpoint.Id, settings.Timeout);
            return DeliveryOutcome.Retry("timeout");
        }
        catch (HttpRequestException ex) when (Refused(ex))
        {
            logger.LogWarning("Webhook delivery {DeliveryId} to endpoint {EndpointId} refused: the host resolves to a non-public address",
                deliveryId, endpoint.Id);
            return DeliveryOutcome.GiveUp("address_not_allowed");
        }
        catch (HttpRequestException ex)
        {
            // The exception's message can name the host; only its kind is kept.
            var kind = ex.HttpRequestError == HttpRequestError.Unknown ? "connection_failed" : ToSnakeCase(ex.HttpRequestError.ToString());
            logger.LogWarning("Webhook delivery {DeliveryId} to endpoint {EndpointId} failed: {Error}", deliveryId, endpoint.Id, kind);
            return DeliveryOutcome.Retry(kind);
        }
    }

    /// <summary>The request body (UTF-8 JSON), exactly the bytes that are signed.</summary>
    public static byte[] Payload(OutgoingNotification notification)
    {
        var e = notification.Event;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", e.Type);
            json.WriteString("timestamp", e.CreatedAt.ToUniversalTime());
            json.WriteStartObject("data");
            json.WriteString("event_id", e.Id);
            json.WriteString("user_id", e.UserId);
            json.WriteString("severity", e.Severity.ToString().ToLowerInvariant());
            json.WriteString("title", notification.Kind.Title);
            json.WriteString("summary", e.Summary);
            json.WritePropertyName("details");
            WriteDetails(json, e.Data);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteDetails(Utf8JsonWriter json, string data)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                document.RootElement.WriteTo(json);
                return;
            }
        }
        catch (JsonException)
        {
            // Events are written by Notify.Emit as JSON objects; anything else is sent as an empty object.
        }

        json.WriteStartObject();
        json.WriteEndObject();
    }

    private static bool Refused(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is WebhookAddressRefusedException)
            {
                return true;
            }
        }

        return false;
    }

    private static string ToSnakeCase(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
