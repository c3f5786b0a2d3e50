using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Portcullis.Core.Factors;
using Portcullis.Core.Factors.Sms;
using Portcullis.Core.Notifications.Webhooks;
using Portcullis.Core.Results;

namespace Portcullis.Server.Sms;

/// <summary>
/// Posts <c>{"to":"+…","message":"…"}</c> to <c>Factors:Sms:WebhookUrl</c>, signed as Standard Webhooks specifies
/// (https://www.standardwebhooks.com, "Verifying webhook authenticity"):
/// 1. <c>webhook-id</c>: a unique message id (<c>msg_…</c>), so the receiver can drop duplicates;
/// 2. <c>webhook-timestamp</c>: Unix seconds, so the receiver can refuse stale deliveries;
/// 3. <c>webhook-signature</c>: <c>v1,</c> + base64 HMAC-SHA256, keyed with the secret, over
///    <c>{id}.{timestamp}.{body}</c> (the exact bytes sent).
/// Any 2xx answer is a delivery. Timeouts, refused connections and other statuses are failures, logged without
/// the message; the request is not retried (the user can ask for another code).
/// </summary>
public sealed class WebhookSmsSender(IHttpClientFactory clients, IOptions<FactorOptions> options, TimeProvider time, ILogger<WebhookSmsSender> logger)
    : ISmsSender
{
    public const string HttpClientName = "sms-webhook";

    private readonly SmsOptions _sms = options.Value.Sms;

    public async Task<Result> SendAsync(string e164, string message, CancellationToken cancellationToken)
    {
        var key = StandardWebhookSigner.ParseSecret(_sms.WebhookSecret);
        if (key is null || !Uri.TryCreate(_sms.WebhookUrl, UriKind.Absolute, out var url))
        {
            // The configuration check refuses to start like this; this is only a guard.
            return SmsErrors.DeliveryFailed() with { Reason = "webhook_not_configured" };
        }

        var id = "msg_" + Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
        var timestamp = StandardWebhookSigner.Timestamp(time.GetUtcNow());
        var body = JsonSerializer.SerializeToUtf8Bytes(new Payload(e164, message));
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(StandardWebhookSigner.IdHeader, id);
        request.Headers.Add(StandardWebhookSigner.TimestampHeader, timestamp);
        request.Headers.Add(StandardWebhookSigner.SignatureHeader, StandardWebhookSigner.Sign(key, id, timestamp, body));
        CryptographicOperations.ZeroMemory(key);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_sms.WebhookTimeout);
        try
        {
            using var http = clients.CreateClient(HttpClientName);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                logger.LogInformation("SMS to {Recipient} handed to the webhook ({Status})", PhoneNumber.Mask(e164), (int)response.StatusCode);
                return Result.Success();
            }

            logger.LogWarning("SMS webhook refused the message to {Recipient} with status {Status}", PhoneNumber.Mask(e164), (int)response.StatusCode);
            return SmsErrors.DeliveryFailed() with { Reason = string.Create(CultureInfo.InvariantCulture, $"webhook_status_{(int)response.StatusCode}") };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("SMS webhook did not answer within {Timeout} for {Recipient}", _sms.WebhookTimeout, PhoneNumber.Mask(e164));
            return SmsErrors.DeliveryFailed() with { Reason = "webhook_timeout" };
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning("SMS webhook unreachable for {Recipient}: {Error}", PhoneNumber.Mask(e164), ex.HttpRequestError);
            return SmsErrors.DeliveryFailed() with { Reason = "webhook_unreachable" };
        }
    }

    private sealed record Payload(
        [property: System.Text.Json.Serialization.JsonPropertyName("to")] string To,
        [property: System.Text.Json.Serialization.JsonPropertyName("message")] string Message);
}
