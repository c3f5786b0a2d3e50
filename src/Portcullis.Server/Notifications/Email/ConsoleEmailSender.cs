using Portcullis.Core.Notifications;
using Portcullis.Core.Notifications.Delivery;
using Portcullis.Core.Notifications.Email;

namespace Portcullis.Server.Notifications.Email;

/// <summary>
/// Demo sink: prints each email's plain-text version to standard output (not the log), framed so that messages
/// never interleave. It prints live "this wasn't me" links: for demos and development only.
/// </summary>
public sealed class ConsoleEmailSender : INotificationSender, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TextWriter _output;
    private readonly Func<EmailOptions> _options;

    public ConsoleEmailSender(Microsoft.Extensions.Options.IOptions<NotificationOptions> options)
        : this(Console.Out, () => options.Value.Email)
    {
    }

    public ConsoleEmailSender(TextWriter output, Func<EmailOptions> options)
    {
        _output = output;
        _options = options;
    }

    public NotificationChannel Channel => NotificationChannel.Email;

    public async Task<DeliveryOutcome> SendAsync(OutgoingNotification notification, CancellationToken cancellationToken)
    {
        var (message, failure) = EmailMessage.Build(notification, _options());
        if (message is null)
        {
            return failure!;
        }

        string text;
        using (message)
        {
            var rendered = EmailRenderer.Render(notification);
            text = $"""
                ----- email {notification.Delivery.Id:D} -----
                From: {message.From}
                To: {message.To}
                Subject: {rendered.Subject}
                Message-ID: <{message.MessageId}>

                {rendered.Text.TrimEnd()}
                ----- end of email -----

                """;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            await _output.WriteAsync(text.AsMemory(), cancellationToken);
            await _output.FlushAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }

        return DeliveryOutcome.Ok;
    }

    public void Dispose() => _gate.Dispose();
}
