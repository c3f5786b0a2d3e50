namespace Portcullis.Testing;

/// <summary>How <see cref="TestWebhookReceiver"/> answers one request: a status, after a delay.</summary>
public sealed record WebhookAnswer(int Status, TimeSpan Delay = default)
{
    public static WebhookAnswer Ok { get; } = new(204);
}
