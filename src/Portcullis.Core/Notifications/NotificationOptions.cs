namespace Portcullis.Core.Notifications;

/// <summary>The <c>Notifications</c> configuration section.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>
    /// The gate's address as its users reach it, for links in emails (e.g. <c>https://gate.example.com</c>).
    /// When unset, the first of <c>Server:Urls</c>.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>How long a "this wasn't me" link in an email works.</summary>
    public TimeSpan FreezeLinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>At most this many addresses (email and SMS together) per user.</summary>
    public int MaxContacts { get; set; } = 5;

    /// <summary>At most this many webhook endpoints per user.</summary>
    public int MaxWebhooks { get; set; } = 5;

    public DispatcherOptions Dispatcher { get; set; } = new();

    public EmailOptions Email { get; set; } = new();

    public WebhookOptions Webhooks { get; set; } = new();

    public ReportOptions Reports { get; set; } = new();
}

/// <summary>The background dispatcher that works through the outbox.</summary>
public sealed class DispatcherOptions
{
    /// <summary>Off only for maintenance: events then wait in the outbox until a node with it on runs.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often it looks for work when nothing woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Deliveries taken per round.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>Attempts before a delivery is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; it doubles after each (with jitter) up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a dispatcher holds a delivery it took; after that another node may take it over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The longest one attempt may take.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Email: a real SMTP server, or a development sink.</summary>
public sealed class EmailOptions
{
    public const string SmtpSink = "smtp";
    public const string FileSink = "file";
    public const string ConsoleSink = "console";

    /// <summary><c>smtp</c>, <c>file</c> (default: one <c>.eml</c> per message under <see cref="Directory"/>) or <c>console</c>.</summary>
    public string Sink { get; set; } = FileSink;

    /// <summary>For the file sink; relative to the data folder. Default <c>mail</c>.</summary>
    public string Directory { get; set; } = "mail";

    /// <summary>The From header, e.g. <c>Portcullis &lt;security@example.com&gt;</c>.</summary>
    public string From { get; set; } = "Portcullis <no-reply@localhost>";

    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 25;

    /// <summary><c>auto</c>, <c>none</c>, <c>starttls</c> (required STARTTLS) or <c>tls</c> (TLS on connect).</summary>
    public string Security { get; set; } = "auto";

    public string? Username { get; set; }

    public string? Password { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);
}

public sealed class WebhookOptions
{
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether endpoints may be plain <c>http://</c> or point at loopback and private addresses. Off in
    /// production (an endpoint URL is user input: no requests into the gate's own network); on for development.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }
}

public sealed class ReportOptions
{
    /// <summary>Whether the gate emails due activity reports (each user chooses daily, weekly or off).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the scheduler looks for due reports.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(10);
}
