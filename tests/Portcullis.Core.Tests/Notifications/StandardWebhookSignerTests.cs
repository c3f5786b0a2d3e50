using System.Text;
using Microsoft.AspNetCore.Http;
using Portcullis.Core.Notifications.Webhooks;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Portcullis.Core.Tests.Notifications;

public sealed class StandardWebhookSignerTests
{
    // The example of the Standard Webhooks specification (and of its reference libraries' tests).
    private const string SpecSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string SpecId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const string SpecTimestamp = "1614265330";
    private const string SpecBody = "{\"test\": 2432232314}";
    private const string SpecSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    [Fact]
    public void Sign_MatchesTheSpecificationsExample()
    {
        var key = StandardWebhookSigner.ParseSecret(SpecSecret)!;

        Assert.Equal(SpecSignature, StandardWebhookSigner.Sign(key, SpecId, SpecTimestamp, Encoding.UTF8.GetBytes(SpecBody)));
    }

    [Fact]
    public void Sign_MatchesTheStandardWebhooksLibrary()
    {
        var expected = new StandardWebhook(SpecSecret).Sign(SpecId, DateTimeOffset.FromUnixTimeSeconds(1614265330), SpecBody);

        Assert.Equal(expected, StandardWebhookSigner.Sign(StandardWebhookSigner.ParseSecret(SpecSecret)!, SpecId, SpecTimestamp, Encoding.UTF8.GetBytes(SpecBody)));
    }

    [Fact]
    public void ANewSecret_IsAcceptedByTheLibrarysVerifier()
    {
        var key = StandardWebhookSigner.NewKey();
        var secret = StandardWebhookSigner.FormatSecret(key);
        var body = "{\"type\":\"security.new_device\",\"data\":{\"summary\":\"Grüße\"}}";
        var timestamp = StandardWebhookSigner.Timestamp(DateTimeOffset.UtcNow);
        var headers = new HeaderDictionary
        {
            [StandardWebhookSigner.IdHeader] = "3f1c1d1e-0000-7000-8000-000000000001",
            [StandardWebhookSigner.TimestampHeader] = timestamp,
            [StandardWebhookSigner.SignatureHeader] = StandardWebhookSigner.Sign(key, "3f1c1d1e-0000-7000-8000-000000000001", timestamp, Encoding.UTF8.GetBytes(body)),
        };

        new StandardWebhook(secret).Verify(body, headers); // throws when refused

        headers[StandardWebhookSigner.SignatureHeader] = StandardWebhookSigner.Sign(StandardWebhookSigner.NewKey(), "x", timestamp, Encoding.UTF8.GetBytes(body));
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(secret).Verify(body, headers));
    }

    [Fact]
    public void Secrets_AreWhsecAndBase64Of32RandomBytes_AndParseBack()
    {
        var key = StandardWebhookSigner.NewKey();
        var secret = StandardWebhookSigner.FormatSecret(key);

        Assert.Equal(32, key.Length);
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(key, StandardWebhookSigner.ParseSecret(secret));
        Assert.NotEqual(key, StandardWebhookSigner.NewKey());
        Assert.Null(StandardWebhookSigner.ParseSecret("whsec_not base64!"));
        Assert.Null(StandardWebhookSigner.ParseSecret(""));
    }
}
