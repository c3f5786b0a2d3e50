using MimeKit;

namespace Portcullis.Testing;

/// <summary>One message a <see cref="TestSmtpServer"/> accepted: the SMTP envelope, the raw bytes and the parsed message.</summary>
public sealed record ReceivedEmail(string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo, byte[] Raw, MimeMessage Message)
{
    public string? Subject => Message.Subject;

    public string? TextBody => Message.TextBody;

    public string? HtmlBody => Message.HtmlBody;

    /// <summary>Without angle brackets, e.g. <c>{delivery id}@portcullis</c>.</summary>
    public string? MessageId => Message.MessageId;

    public string? Header(string name) => Message.Headers[name];
}
