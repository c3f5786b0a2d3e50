using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using Portcullis.Core.Notifications;
using Portcullis.Core.Notifications.Delivery;
using Portcullis.Core.Users;
using Portcullis.Server.Notifications.Email;
using Portcullis.Storage;
using Portcullis.Testing;

namespace Portcullis.Server.Tests;

public sealed class EmailChannelTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);
    private static readonly Uri FreezeUrl = new("http://localhost:5080/wasnt-me/pcz_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

    [Fact]
    public async Task Smtp_DeliversBothBodiesWithThePhraseAndTheDeliveryIdAsMessageId()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var notification = Notification(freezeUrl: FreezeUrl);

        var outcome = await Smtp(smtp.Port).SendAsync(notification, CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Ok, outcome);
        var email = Assert.Single(await smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(10)));
        Assert.Equal(["alice@example.com"], email.EnvelopeTo);
        Assert.Equal("security@example.com", email.EnvelopeFrom);
        Assert.Equal("[Portcullis] New sign-in from a new device", email.Subject);
        Assert.Equal($"{notification.Delivery.Id:D}@portcullis", email.MessageId);
        Assert.Equal(NotificationTypes.NewDevice, email.Header(EmailMessage.EventTypeHeader));
        Assert.Equal(notification.Delivery.Id.ToString("D"), email.Header(EmailMessage.DeliveryIdHeader));
        Assert.Equal("Portcullis", Assert.IsType<MailboxAddress>(Assert.Single(email.Message.From)).Name);
        Assert.Equal("multipart/alternative", email.Message.Body?.ContentType.MimeType);
        Assert.StartsWith("Your anti-phishing phrase: blue otter at dawn", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Your anti-phishing phrase: blue otter at dawn", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(FreezeUrl.AbsoluteUri, email.TextBody, StringComparison.Ordinal);
        Assert.Contains(FreezeUrl.AbsoluteUri, email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Smtp_WithCredentials_AuthenticatesAndNeverReportsThePassword()
    {
        const string password = "s3cret-smtp-pass-word";
        await using var smtp = await TestSmtpServer.StartAsync("mailer", password);

        var ok = await Smtp(smtp.Port, username: "mailer", password: password).SendAsync(Notification(), CancellationToken.None);
        var wrong = await Smtp(smtp.Port, username: "mailer", password: "wrong-" + password).SendAsync(Notification(), CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Ok, ok);
        Assert.Single(await smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(10)));
        Assert.False(wrong.Delivered);
        Assert.False(wrong.Permanent);
        Assert.StartsWith("smtp.unavailable:", wrong.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(password, wrong.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Smtp_NothingListening_IsRetried()
    {
        var outcome = await Smtp(TestSmtpServer.UnusedPort()).SendAsync(Notification(), CancellationToken.None);

        Assert.False(outcome.Delivered);
        Assert.False(outcome.Permanent);
        Assert.StartsWith("smtp.unavailable: 127.0.0.1:", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Smtp_RecipientRefusedPermanently_IsGivenUp()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        smtp.RefuseRecipientsWith = 550;

        var outcome = await Smtp(smtp.Port).SendAsync(Notification(), CancellationToken.None);

        Assert.False(outcome.Delivered);
        Assert.True(outcome.Permanent);
        Assert.StartsWith("smtp.rejected: 550", outcome.Error, StringComparison.Ordinal);
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task Smtp_RecipientRefusedForNow_IsRetried()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        smtp.RefuseRecipientsWith = 451;

        var outcome = await Smtp(smtp.Port).SendAsync(Notification(), CancellationToken.None);

        Assert.False(outcome.Delivered);
        Assert.False(outcome.Permanent);
        Assert.Contains("451", outcome.Error, StringComparison.Ordinal);

        smtp.RefuseRecipientsWith = null;
        Assert.Equal(DeliveryOutcome.Ok, await Smtp(smtp.Port).SendAsync(Notification(), CancellationToken.None));
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("Mallory <alice@example.com>")]
    [InlineData("alice@example.com\r\nBcc: victim@example.com")]
    [InlineData("")]
    public async Task MalformedAddress_IsGivenUpWithoutConnecting(string address)
    {
        var notification = Notification(address: address);

        var outcome = await Smtp(TestSmtpServer.UnusedPort()).SendAsync(notification, CancellationToken.None);

        Assert.Equal(DeliveryOutcome.GiveUp("address.invalid"), outcome);
    }

    [Fact]
    public async Task FileSink_WritesOneEmlPerDelivery_AndARetryReplacesIt()
    {
        using var data = new TempDirectory();
        var sender = File(data.Path);
        var first = Notification();
        var second = Notification();

        Assert.Equal(DeliveryOutcome.Ok, await sender.SendAsync(first, CancellationToken.None));
        Assert.Equal(DeliveryOutcome.Ok, await sender.SendAsync(first, CancellationToken.None));
        Assert.Equal(DeliveryOutcome.Ok, await sender.SendAsync(second, CancellationToken.None));

        var files = Directory.GetFiles(Path.Combine(data.Path, "mail")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { $"{first.Delivery.Id:D}.eml", $"{second.Delivery.Id:D}.eml" }.Order(StringComparer.Ordinal), files);
        using var message = await MimeMessage.LoadAsync(sender.PathFor(first.Delivery.Id));
        Assert.Equal($"{first.Delivery.Id:D}@portcullis", message.MessageId);
        Assert.StartsWith("Your anti-phishing phrase:", message.TextBody, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(sender.PathFor(first.Delivery.Id)));
        }
    }

    [Fact]
    public async Task ConsoleSink_PrintsTheTextEmail()
    {
        using var output = new StringWriter();
        using var sender = new ConsoleEmailSender(output, () => Options().Email);
        var notification = Notification(freezeUrl: FreezeUrl);

        Assert.Equal(DeliveryOutcome.Ok, await sender.SendAsync(notification, CancellationToken.None));

        var text = output.ToString();
        Assert.Contains("To: alice@example.com", text, StringComparison.Ordinal);
        Assert.Contains("Subject: [Portcullis] New sign-in from a new device", text, StringComparison.Ordinal);
        Assert.Contains("Your anti-phishing phrase: blue otter at dawn", text, StringComparison.Ordinal);
        Assert.Contains(FreezeUrl.AbsoluteUri, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("smtp", typeof(SmtpEmailSender))]
    [InlineData("file", typeof(FileEmailSender))]
    [InlineData("console", typeof(ConsoleEmailSender))]
    [InlineData(null, typeof(FileEmailSender))]
    public async Task Gate_RegistersTheConfiguredSinkAsTheEmailSender(string? sink, Type expected)
    {
        await using var gate = await TestGate.StartAsync(sink is null ? null : new Dictionary<string, string?> { ["Notifications:Email:Sink"] = sink });

        var email = Assert.Single(gate.Services.GetServices<INotificationSender>(), s => s.Channel == NotificationChannel.Email);

        Assert.IsType(expected, email);
    }

    [Fact]
    public void ConfigurationCheck_ReportsEveryProblemWithPathAndValue_NeverThePassword()
    {
        var options = new NotificationOptions();
        options.Email.Sink = "pigeon";
        options.Email.From = "not an address";
        options.Email.Smtp.Host = " ";
        options.Email.Smtp.Port = 70000;
        options.Email.Smtp.Security = "ssl3";
        options.Email.Smtp.Password = "hunter2-smtp-secret";

        var problems = new EmailConfigurationCheck(Microsoft.Extensions.Options.Options.Create(options)).Problems().ToList();

        Assert.Contains("Notifications:Email:Sink: must be smtp, file or console (value: pigeon)", problems);
        Assert.Contains(problems, p => p.StartsWith("Notifications:Email:From:", StringComparison.Ordinal) && p.Contains("(value: not an address)", StringComparison.Ordinal));
        Assert.Contains("Notifications:Email:Smtp:Port: must be between 1 and 65535 (value: 70000)", problems);
        Assert.Contains("Notifications:Email:Smtp:Security: must be auto, none, starttls or tls (value: ssl3)", problems);
        Assert.Contains(problems, p => p.StartsWith("Notifications:Email:Smtp:Password:", StringComparison.Ordinal));
        Assert.All(problems, p => Assert.DoesNotContain("hunter2", p, StringComparison.Ordinal));

        options.Email.Sink = "smtp";
        var smtpProblems = new EmailConfigurationCheck(Microsoft.Extensions.Options.Options.Create(options)).Problems().ToList();
        Assert.Contains("Notifications:Email:Smtp:Host: must be set for the smtp sink (value:  )", smtpProblems);
    }

    [Fact]
    public void ConfigurationCheck_AcceptsTheDefaults() =>
        Assert.Empty(new EmailConfigurationCheck(Microsoft.Extensions.Options.Options.Create(new NotificationOptions())).Problems());

    [Fact]
    public async Task Gate_RefusesToStartWithABadEmailSection()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            TestGate.StartAsync(new Dictionary<string, string?> { ["Notifications:Email:Smtp:Security"] = "maybe" }));

        Assert.Contains("Notifications:Email:Smtp:Security", error.Message, StringComparison.Ordinal);
    }

    private static NotificationOptions Options(int port = 25, string? username = null, string? password = null)
    {
        var options = new NotificationOptions();
        options.Email.From = "Portcullis <security@example.com>";
        options.Email.Smtp.Host = "127.0.0.1";
        options.Email.Smtp.Port = port;
        options.Email.Smtp.Security = "none";
        options.Email.Smtp.Timeout = TimeSpan.FromSeconds(10);
        options.Email.Smtp.Username = username;
        options.Email.Smtp.Password = password;
        return options;
    }

    private static SmtpEmailSender Smtp(int port, string? username = null, string? password = null) =>
        new(Microsoft.Extensions.Options.Options.Create(Options(port, username, password)), NullLogger<SmtpEmailSender>.Instance);

    private static FileEmailSender File(string dataDirectory) =>
        new(Microsoft.Extensions.Options.Options.Create(Options()), Microsoft.Extensions.Options.Options.Create(new StorageOptions { DataDirectory = dataDirectory }),
            NullLogger<FileEmailSender>.Instance);

    private static OutgoingNotification Notification(string address = "alice@example.com", Uri? freezeUrl = null)
    {
        var userId = Guid.NewGuid();
        var user = new User
        {
            Id = userId,
            Username = "alice",
            DisplayName = "Alice",
            Role = UserRole.AccountHolder,
            PasswordHash = "x",
            CreatedAt = At,
            AntiPhishingPhrase = "blue otter at dawn",
        };
        var notificationEvent = new NotificationEvent
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Type = NotificationTypes.NewDevice,
            Severity = NotificationSeverity.Critical,
            Summary = "A new device signed in: Firefox on Linux.",
            Data = JsonSerializer.Serialize(new Dictionary<string, object?> { ["device_name"] = "Firefox on Linux", ["ip"] = "203.0.113.9" }),
            CreatedAt = At,
        };
        var contact = new NotificationContact
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Channel = NotificationChannel.Email,
            Address = address,
            CreatedAt = At,
        };
        var delivery = new NotificationDelivery
        {
            Id = Guid.NewGuid(),
            EventId = notificationEvent.Id,
            UserId = userId,
            Channel = NotificationChannel.Email,
            TargetId = contact.Id,
            TargetDisplay = address,
            NextAttemptAt = At,
            CreatedAt = At,
        };
        return new OutgoingNotification(delivery, notificationEvent, NotificationCatalog.Describe(notificationEvent.Type), user, contact, null,
            freezeUrl);
    }
}
