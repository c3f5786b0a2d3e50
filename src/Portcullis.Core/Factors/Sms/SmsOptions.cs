namespace Portcullis.Core.Factors;

/// <summary>SMS codes: a restricted factor, off unless enabled.</summary>
public sealed class SmsOptions
{
    /// <summary>Whether users may enrol and use SMS codes at all. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>How the codes leave: <c>file</c> (development: appended to a file in the data folder) or <c>webhook</c>.</summary>
    public string Sender { get; set; } = "file";

    /// <summary>For <c>webhook</c>: where to POST <c>{"to","message"}</c>, signed with <see cref="WebhookSecret"/>.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>For <c>webhook</c>: the HMAC-SHA256 key (base64) for the <c>webhook-signature</c> header.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Code lifetime; at most 10 minutes. Default 5 minutes.</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Codes that may be sent to one user per 15 minutes. Default 3.</summary>
    public int MaxSendsPerWindow { get; set; } = 3;
}
