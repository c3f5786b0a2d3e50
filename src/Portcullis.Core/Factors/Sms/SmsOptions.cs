namespace Portcullis.Core.Factors;

/// <summary>SMS codes: a restricted factor, off unless enabled (configuration section <c>Factors:Sms</c>).</summary>
public sealed class SmsOptions
{
    public const string FileSender = "file";
    public const string WebhookSender = "webhook";

    /// <summary>Whether users may enrol and use SMS codes at all. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>How the codes leave: <c>file</c> (development: appended to a file in the data folder) or <c>webhook</c>.</summary>
    public string Sender { get; set; } = FileSender;

    /// <summary>For <c>webhook</c>: where to POST <c>{"to","message"}</c>, signed with <see cref="WebhookSecret"/>.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>
    /// For <c>webhook</c>: the HMAC-SHA256 key for the <c>webhook-signature</c> header, base64 (at least 16 bytes),
    /// optionally with the Standard Webhooks <c>whsec_</c> prefix.
    /// </summary>
    public string? WebhookSecret { get; set; }

    /// <summary>For <c>webhook</c>: how long to wait for the gateway's answer. Default 10 seconds; at most 60.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Code lifetime; at most 10 minutes. Default 5 minutes.</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Codes that may be sent to one user per 15 minutes (enrolment and sign-in together). Default 3.</summary>
    public int MaxSendsPerWindow { get; set; } = 3;
}
