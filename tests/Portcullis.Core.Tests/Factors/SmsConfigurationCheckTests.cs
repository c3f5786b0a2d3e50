using Microsoft.Extensions.Options;
using Portcullis.Core.Factors;
using Portcullis.Core.Factors.Sms;

namespace Portcullis.Core.Tests.Factors;

public sealed class SmsConfigurationCheckTests
{
    private static SmsOptions Valid() => new()
    {
        Enabled = true,
        Sender = "webhook",
        WebhookUrl = "https://sms.example.net/send",
        WebhookSecret = "whsec_" + Convert.ToBase64String(new byte[32]),
    };

    private static List<string> Problems(SmsOptions sms) =>
        new SmsConfigurationCheck(Options.Create(new FactorOptions { Sms = sms })).Problems().ToList();

    [Fact]
    public void AValidWebhookSetup_HasNoProblems() => Assert.Empty(Problems(Valid()));

    [Fact]
    public void TheDefaults_HaveNoProblems() => Assert.Empty(Problems(new SmsOptions()));

    [Theory]
    [InlineData("00:10:01")]
    [InlineData("00:00:00")]
    [InlineData("01:00:00")]
    public void ACodeLifetime_AboveTenMinutesOrNotPositive_IsAProblem(string lifetime)
    {
        var sms = Valid();
        sms.CodeLifetime = TimeSpan.Parse(lifetime, System.Globalization.CultureInfo.InvariantCulture);

        var problem = Assert.Single(Problems(sms));

        Assert.StartsWith("Factors:Sms:CodeLifetime: ", problem, StringComparison.Ordinal);
        Assert.Contains(lifetime, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TenMinutes_IsAllowed()
    {
        var sms = Valid();
        sms.CodeLifetime = TimeSpan.FromMinutes(10);

        Assert.Empty(Problems(sms));
    }

    [Fact]
    public void AnUnknownSender_IsAProblem()
    {
        var sms = Valid();
        sms.Sender = "carrier-pigeon";

        Assert.StartsWith("Factors:Sms:Sender: ", Assert.Single(Problems(sms)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sms.example.net/send")]
    [InlineData("ftp://sms.example.net/send")]
    [InlineData("http://sms.example.net/send")]
    public void AWebhookUrl_ThatIsNotHttpsOrLoopback_IsAProblem(string? url)
    {
        var sms = Valid();
        sms.WebhookUrl = url;

        Assert.StartsWith("Factors:Sms:WebhookUrl: ", Assert.Single(Problems(sms)), StringComparison.Ordinal);
    }

    [Fact]
    public void APlainHttpWebhook_OnLoopback_IsAllowed()
    {
        var sms = Valid();
        sms.WebhookUrl = "http://127.0.0.1:8025/sms";

        Assert.Empty(Problems(sms));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not base64!")]
    [InlineData("whsec_AAAA")]
    public void AWeakOrMalformedSecret_IsAProblem_WithoutShowingIt(string? secret)
    {
        var sms = Valid();
        sms.WebhookSecret = secret;

        var problem = Assert.Single(Problems(sms));

        Assert.StartsWith("Factors:Sms:WebhookSecret: ", problem, StringComparison.Ordinal);
        if (secret is not null)
        {
            Assert.DoesNotContain(secret, problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void WebhookSettings_AreNotRequired_WhileSmsIsDisabled()
    {
        var sms = Valid();
        sms.Enabled = false;
        sms.WebhookUrl = null;
        sms.WebhookSecret = null;

        Assert.Empty(Problems(sms));
    }

    [Fact]
    public void AllProblems_AreReportedTogether()
    {
        var sms = Valid();
        sms.CodeLifetime = TimeSpan.FromMinutes(30);
        sms.MaxSendsPerWindow = 0;
        sms.WebhookUrl = null;
        sms.WebhookSecret = null;

        Assert.Equal(4, Problems(sms).Count);
    }
}
