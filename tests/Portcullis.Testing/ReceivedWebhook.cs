using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;

namespace Portcullis.Testing;

/// <summary>One request <see cref="TestWebhookReceiver"/> received: method, path and query, headers (lower-case names) and the raw body.</summary>
public sealed record ReceivedWebhook(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body, int AnsweredStatus)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;

    public string Id => Header("webhook-id") ?? string.Empty;

    public string Timestamp => Header("webhook-timestamp") ?? string.Empty;

    public string Signature => Header("webhook-signature") ?? string.Empty;

    public string ContentType => Header("content-type") ?? string.Empty;

    /// <summary>
    /// Verifies the request with the <c>StandardWebhooks</c> library (signature and timestamp): throws
    /// <c>WebhookVerificationException</c> when it is not valid. The library checks the timestamp against the real
    /// clock (±5 minutes): a gate on a <c>FakeTimeProvider</c> must be set near the real time first
    /// (<c>gate.Time.SetUtcNow(DateTimeOffset.UtcNow)</c>), or use <see cref="HasValidSignature"/>.
    /// </summary>
    public void Verify(string secret)
    {
        var headers = new HeaderDictionary();
        foreach (var (name, value) in Headers)
        {
            headers[name] = value;
        }

        new StandardWebhook(secret).Verify(Text, headers);
    }

    /// <summary>
    /// Whether the signature is valid for <paramref name="secret"/>, whatever the timestamp: the library computes the
    /// expected signature (<c>StandardWebhook.Sign</c>) for the request's id, timestamp and body.
    /// </summary>
    public bool HasValidSignature(string secret)
    {
        if (!long.TryParse(Timestamp, out var seconds))
        {
            return false;
        }

        var expected = new StandardWebhook(secret).Sign(Id, DateTimeOffset.FromUnixTimeSeconds(seconds), Text);
        return Signature.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(expected, StringComparer.Ordinal);
    }
}
