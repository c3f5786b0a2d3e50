using System.Globalization;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using Portcullis.Core.Notifications;
using Portcullis.Core.Notifications.Delivery;

namespace Portcullis.Server.Notifications.Email;

/// <summary>
/// Sends email through an SMTP server with MailKit (<c>Notifications:Email:Smtp</c>): one connection per attempt
/// (connect, authenticate when a username is set, send, disconnect) within <see cref="SmtpOptions.Timeout"/>.
/// </summary>
/// <remarks>
/// Failure classification: nothing listening, a timeout, TLS or authentication trouble, a 4xx reply or a protocol
/// error is passing (<see cref="DeliveryOutcome.Retry"/>, <c>smtp.unavailable: …</c>); a 5xx reply refusing the
/// recipient or the message is permanent (<see cref="DeliveryOutcome.GiveUp"/>, <c>smtp.rejected: …</c>). Error texts
/// carry the server's reply but never the password.
/// </remarks>
public sealed class SmtpEmailSender(IOptions<NotificationOptions> options, ILogger<SmtpEmailSender> logger) : INotificationSender
{
    public NotificationChannel Channel => NotificationChannel.Email;

    public async Task<DeliveryOutcome> SendAsync(OutgoingNotification notification, CancellationToken cancellationToken)
    {
        var email = options.Value.Email;
        var (message, failure) = EmailMessage.Build(notification, email);
        if (message is null)
        {
            logger.LogWarning("Email delivery {DeliveryId} not sent: {Error}", notification.Delivery.Id, failure!.Error);
            return failure;
        }

        using (message)
        {
            var outcome = await TrySendAsync(message, email.Smtp, cancellationToken);
            if (outcome.Delivered)
            {
                logger.LogInformation("Email delivery {DeliveryId} ({EventType}) accepted by {Host}:{Port}", notification.Delivery.Id,
                    notification.Event.Type, email.Smtp.Host, email.Smtp.Port);
            }
            else
            {
                logger.LogWarning("Email delivery {DeliveryId} ({EventType}) failed ({Kind}): {Error}", notification.Delivery.Id,
                    notification.Event.Type, outcome.Permanent ? "permanent" : "will retry", outcome.Error);
            }

            return outcome;
        }
    }

    /// <summary>SMTP security from configuration: <c>auto</c>, <c>none</c>, <c>starttls</c>, <c>tls</c>; null if unknown.</summary>
    public static SecureSocketOptions? ParseSecurity(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "auto" => SecureSocketOptions.Auto,
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "tls" => SecureSocketOptions.SslOnConnect,
        _ => null,
    };

    private static async Task<DeliveryOutcome> TrySendAsync(MimeKit.MimeMessage message, SmtpOptions smtp, CancellationToken cancellationToken)
    {
        var security = ParseSecurity(smtp.Security) ?? throw new InvalidOperationException(
            "Notifications:Email:Smtp:Security is not one of auto, none, starttls, tls (the configuration check reports this at start-up).");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(smtp.Timeout);
        using var client = new SmtpClient { Timeout = (int)Math.Clamp(smtp.Timeout.TotalMilliseconds, 1, int.MaxValue) };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, security, timeout.Token);
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                if (!client.Capabilities.HasFlag(SmtpCapabilities.Authentication))
                {
                    return DeliveryOutcome.Retry("smtp.unavailable: a username is configured but the server offers no authentication (is TLS required first?)");
                }

                await client.AuthenticateAsync(smtp.Username, smtp.Password ?? string.Empty, timeout.Token);
            }

            await client.SendAsync(message, timeout.Token);
            await client.DisconnectAsync(quit: true, timeout.Token);
            return DeliveryOutcome.Ok;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Unavailable(smtp, $"no answer within {smtp.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        catch (TimeoutException)
        {
            return Unavailable(smtp, $"no answer within {smtp.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        catch (SocketException ex)
        {
            return Unavailable(smtp, $"cannot connect ({ex.SocketErrorCode})");
        }
        catch (SmtpCommandException ex)
        {
            return Classify(ex, smtp);
        }
        catch (AuthenticationException ex)
        {
            return Unavailable(smtp, "authentication failed: " + Scrub(ex.Message, smtp));
        }
        catch (SslHandshakeException)
        {
            return Unavailable(smtp, "the TLS handshake failed");
        }
        catch (Exception ex) when (ex is SmtpProtocolException or ServiceNotConnectedException or ServiceNotAuthenticatedException or IOException
                                       or NotSupportedException)
        {
            return Unavailable(smtp, $"{ex.GetType().Name}: {Scrub(ex.Message, smtp)}");
        }
    }

    /// <summary>A reply code from the server: 5xx to the recipient or the message is final, anything else may pass.</summary>
    internal static DeliveryOutcome Classify(SmtpCommandException ex, SmtpOptions smtp)
    {
        var status = (int)ex.StatusCode;
        var reply = string.Create(CultureInfo.InvariantCulture, $"{status} {Scrub(ex.Message, smtp)}");
        var permanent = status is >= 500 and < 600 &&
            ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted;
        return permanent
            ? DeliveryOutcome.GiveUp("smtp.rejected: " + reply)
            : Unavailable(smtp, (ex.ErrorCode == SmtpErrorCode.SenderNotAccepted ? "sender refused: " : string.Empty) + reply);
    }

    private static DeliveryOutcome Unavailable(SmtpOptions smtp, string what) =>
        DeliveryOutcome.Retry(string.Create(CultureInfo.InvariantCulture, $"smtp.unavailable: {smtp.Host}:{smtp.Port}: {what}"));

    /// <summary>Server replies and library messages should never echo the password; make sure.</summary>
    private static string Scrub(string text, SmtpOptions smtp)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        return string.IsNullOrEmpty(smtp.Password) ? oneLine : oneLine.Replace(smtp.Password, "***", StringComparison.Ordinal);
    }
}
