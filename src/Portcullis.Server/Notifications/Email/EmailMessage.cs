using MimeKit;
using Portcullis.Core.Notifications;
using Portcullis.Core.Notifications.Delivery;
using Portcullis.Core.Notifications.Email;

namespace Portcullis.Server.Notifications.Email;

/// <summary>
/// Turns a notification into a MIME message: From the configured sender, To the contact's address, the rendered
/// subject, <c>multipart/alternative</c> with the text and HTML bodies, and the delivery id as <c>Message-ID</c>
/// (<c>&lt;{delivery id}@portcullis&gt;</c>) so that a receiver can drop the rare second copy of a retried attempt.
/// </summary>
public static class EmailMessage
{
    public const string MessageIdDomain = "portcullis";
    public const string EventTypeHeader = "X-Portcullis-Event-Type";
    public const string DeliveryIdHeader = "X-Portcullis-Delivery-Id";
    public const string InvalidAddress = "address.invalid";

    /// <summary>The message, or the outcome to return when it cannot be built (a malformed To address).</summary>
    public static (MimeMessage? Message, DeliveryOutcome? Failure) Build(OutgoingNotification notification, EmailOptions options)
    {
        if (!TryParseAddress(notification.Contact?.Address, out var to))
        {
            return (null, DeliveryOutcome.GiveUp(InvalidAddress));
        }

        if (!TryParseMailbox(options.From, out var from))
        {
            // The configuration check refuses this at start-up; a retry after a fix can still succeed.
            return (null, DeliveryOutcome.Retry("email.from_invalid: Notifications:Email:From is not an address"));
        }

        var rendered = EmailRenderer.Render(notification);
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(to);
        message.Subject = rendered.Subject;
        message.Date = notification.Event.CreatedAt;
        message.MessageId = $"{notification.Delivery.Id:D}@{MessageIdDomain}";
        message.Headers.Add(EventTypeHeader, notification.Event.Type);
        message.Headers.Add(DeliveryIdHeader, notification.Delivery.Id.ToString("D"));

        // RFC 3834: a machine wrote this; auto-responders should not answer it.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        var body = new BodyBuilder { TextBody = rendered.Text, HtmlBody = rendered.Html };
        message.Body = body.ToMessageBody();
        return (message, null);
    }

    /// <summary>A bare address (<c>local@domain</c>), no display name, no group, no route.</summary>
    public static bool TryParseAddress(string? address, out MailboxAddress mailbox)
    {
        mailbox = null!;
        if (string.IsNullOrWhiteSpace(address) || address.Any(char.IsControl) || address.Contains('<', StringComparison.Ordinal))
        {
            return false;
        }

        return TryParseMailbox(address, out mailbox) && string.Equals(mailbox.Address, address.Trim(), StringComparison.Ordinal);
    }

    /// <summary>An address with an optional display name, e.g. <c>Portcullis &lt;security@example.com&gt;</c>.</summary>
    public static bool TryParseMailbox(string? value, out MailboxAddress mailbox)
    {
        mailbox = null!;
        if (string.IsNullOrWhiteSpace(value) || !MailboxAddress.TryParse(ParserOptions.Default, value, out var parsed))
        {
            return false;
        }

        var at = parsed.Address.LastIndexOf('@');
        if (at <= 0 || at == parsed.Address.Length - 1)
        {
            return false;
        }

        mailbox = parsed;
        return true;
    }
}
