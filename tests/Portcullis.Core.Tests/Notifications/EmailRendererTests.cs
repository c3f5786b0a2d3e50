using System.Text.Json;
using Portcullis.Core.Notifications;
using Portcullis.Core.Notifications.Delivery;
using Portcullis.Core.Notifications.Email;
using Portcullis.Core.Users;

namespace Portcullis.Core.Tests.Notifications;

public sealed class EmailRendererTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 9, 30, 5, TimeSpan.Zero);
    private static readonly Uri FreezeUrl = new("https://gate.example.com/wasnt-me/pcz_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

    [Fact]
    public void Email_StartsWithThePhraseAndCarriesSummaryTimeAndDetails()
    {
        var email = EmailRenderer.Render(Notification(phrase: "blue otter at dawn"));

        Assert.Equal("[Portcullis] New sign-in from a new device", email.Subject);
        Assert.StartsWith("Your anti-phishing phrase: blue otter at dawn\n", email.Text, StringComparison.Ordinal);
        Assert.Contains("A new device signed in: Firefox on Linux.", email.Text, StringComparison.Ordinal);
        Assert.Contains("Time: 2026-11-02 09:30:05 UTC", email.Text, StringComparison.Ordinal);
        Assert.Contains("  Device name: Firefox on Linux\n", email.Text, StringComparison.Ordinal);
        Assert.Contains("  IP: 203.0.113.9\n", email.Text, StringComparison.Ordinal);
        Assert.Contains("  Location: {\"country\":\"FR\",\"asn\":3215}\n", email.Text, StringComparison.Ordinal);
        Assert.Contains("Your anti-phishing phrase: blue otter at dawn", email.Html, StringComparison.Ordinal);
        Assert.True(email.Html.IndexOf("anti-phishing phrase", StringComparison.Ordinal) < email.Html.IndexOf("<h1", StringComparison.Ordinal));
    }

    [Fact]
    public void Email_WithoutAPhrase_SaysHowToSetOne()
    {
        var email = EmailRenderer.Render(Notification(phrase: null));

        Assert.StartsWith("You have not set an anti-phishing phrase.", email.Text, StringComparison.Ordinal);
        Assert.Contains(EmailRenderer.PhraseEndpoint, email.Text, StringComparison.Ordinal);
        Assert.Contains("You have not set an anti-phishing phrase.", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Your anti-phishing phrase:", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Email_EscapesHostileValuesInHtml()
    {
        const string hostile = "<script>alert(1)</script>\"'&";
        var email = EmailRenderer.Render(Notification(phrase: "<b>phrase</b>", summary: "Signed in as " + hostile,
            data: new Dictionary<string, object?> { ["device_name"] = hostile, ["<img src=x>"] = "v" }));

        Assert.DoesNotContain("<script>", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>phrase", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", email.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;", email.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;phrase&lt;/b&gt;", email.Html, StringComparison.Ordinal);

        // The plain-text version is not HTML: it shows the values as they are.
        Assert.Contains("Signed in as " + hostile, email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void FreezeBlock_OnlyWhenTheEventOffersALink()
    {
        var with = EmailRenderer.Render(Notification(freezeUrl: FreezeUrl));
        var without = EmailRenderer.Render(Notification(freezeUrl: null));

        Assert.Contains("If this wasn't you, freeze your account now:\n" + FreezeUrl.AbsoluteUri + "\n", with.Text, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{FreezeUrl.AbsoluteUri}\"", with.Html, StringComparison.Ordinal);
        Assert.Contains("Freeze my account", with.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("wasnt-me", without.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("wasnt-me", without.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Freeze my account", without.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void ActivityReport_UsesItsTextAsTheBody()
    {
        const string report = "Activity from 2026-10-26 to 2026-11-02\n\n  3 sign-ins\n  <1 new device>\n";
        var email = EmailRenderer.Render(Notification(type: NotificationTypes.ActivityReport, summary: "Your weekly activity report.",
            data: new Dictionary<string, object?> { ["text"] = report, ["period"] = "weekly" }));

        Assert.Equal("[Portcullis] Your activity report", email.Subject);
        Assert.Contains("  3 sign-ins\n  <1 new device>\n", email.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Details:", email.Text, StringComparison.Ordinal);
        Assert.Contains("<pre", email.Html, StringComparison.Ordinal);
        Assert.Contains("  3 sign-ins\n  &lt;1 new device&gt;</pre>", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Subject_StaysOnOneLine()
    {
        var email = EmailRenderer.Render(Notification(type: "custom.type\r\nBcc: victim@example.com"));

        Assert.DoesNotContain('\n', email.Subject);
        Assert.DoesNotContain('\r', email.Subject);
    }

    [Theory]
    [InlineData("device_id", "Device ID")]
    [InlineData("sessionsRevoked", "Sessions revoked")]
    [InlineData("ip", "IP")]
    [InlineData("webhook.url", "Webhook URL")]
    [InlineData("", "")]
    public void Keys_AreHumanised(string key, string expected) => Assert.Equal(expected, EmailRenderer.Humanise(key));

    [Fact]
    public void Data_ThatIsNotJson_IsShownAsItIs()
    {
        var notification = Notification();
        var broken = notification with
        {
            Event = new NotificationEvent
            {
                Id = notification.Event.Id,
                UserId = notification.Event.UserId,
                Type = notification.Event.Type,
                Severity = notification.Event.Severity,
                Summary = notification.Event.Summary,
                Data = "not json <x>",
                CreatedAt = At,
            }
        };

        var email = EmailRenderer.Render(broken);

        Assert.Contains("  Data: not json <x>", email.Text, StringComparison.Ordinal);
        Assert.Contains("not json &lt;x&gt;", email.Html, StringComparison.Ordinal);
    }

    internal static OutgoingNotification Notification(string? phrase = "blue otter at dawn", string type = NotificationTypes.NewDevice,
        string summary = "A new device signed in: Firefox on Linux.", IReadOnlyDictionary<string, object?>? data = null, Uri? freezeUrl = null)
    {
        var userId = Guid.CreateVersion7(At);
        var user = new User
        {
            Id = userId,
            Username = "alice",
            DisplayName = "Alice",
            Role = UserRole.AccountHolder,
            PasswordHash = "x",
            CreatedAt = At,
            AntiPhishingPhrase = phrase,
        };
        var notificationEvent = new NotificationEvent
        {
            Id = Guid.CreateVersion7(At),
            UserId = userId,
            Type = type,
            Severity = NotificationSeverity.Critical,
            Summary = summary,
            Data = JsonSerializer.Serialize(data ?? new Dictionary<string, object?>
            {
                ["device_name"] = "Firefox on Linux",
                ["ip"] = "203.0.113.9",
                ["location"] = new Dictionary<string, object?> { ["country"] = "FR", ["asn"] = 3215 },
            }),
            CreatedAt = At,
        };
        var contact = new NotificationContact
        {
            Id = Guid.CreateVersion7(At),
            UserId = userId,
            Channel = NotificationChannel.Email,
            Address = "alice@example.com",
            CreatedAt = At,
        };
        var delivery = new NotificationDelivery
        {
            Id = Guid.CreateVersion7(At),
            EventId = notificationEvent.Id,
            UserId = userId,
            Channel = NotificationChannel.Email,
            TargetId = contact.Id,
            TargetDisplay = contact.Address,
            NextAttemptAt = At,
            CreatedAt = At,
        };
        return new OutgoingNotification(delivery, notificationEvent, NotificationCatalog.Describe(type), user, contact, null, freezeUrl);
    }
}
