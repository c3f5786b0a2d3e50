namespace Portcullis.Server.Notifications.Webhooks;

/// <summary>
/// Thrown by <see cref="WebhookConnector"/> inside <c>SocketsHttpHandler.ConnectCallback</c>, the only way to refuse a
/// connection there; the sender turns it into a permanent failure. Its message names no host or address.
/// </summary>
public sealed class WebhookAddressRefusedException : Exception
{
    public WebhookAddressRefusedException()
        : base("The webhook host resolves to a non-public address.")
    {
    }

    public WebhookAddressRefusedException(string message)
        : base(message)
    {
    }

    public WebhookAddressRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
