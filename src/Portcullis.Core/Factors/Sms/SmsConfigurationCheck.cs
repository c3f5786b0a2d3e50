using Microsoft.Extensions.Options;
using Portcullis.Core.Configuration;
using Portcullis.Core.Notifications.Webhooks;

namespace Portcullis.Core.Factors.Sms;

/// <summary>Checks the <c>Factors:Sms</c> section. Sender settings are checked only when SMS is enabled.</summary>
public sealed class SmsConfigurationCheck(IOptions<FactorOptions> factors) : IConfigurationCheck
{
    private const string Path = "Factors:Sms";

    public IEnumerable<string> Problems()
    {
        var s = factors.Value.Sms;
        if (s.CodeLifetime <= TimeSpan.Zero || s.CodeLifetime > TimeSpan.FromMinutes(10))
        {
            yield return ConfigurationProblem.Format($"{Path}:CodeLifetime", "must be positive and at most 10 minutes", s.CodeLifetime);
        }

        if (s.MaxSendsPerWindow is < 1 or > 10)
        {
            yield return ConfigurationProblem.Format($"{Path}:MaxSendsPerWindow", "must be between 1 and 10", s.MaxSendsPerWindow);
        }

        if (s.WebhookTimeout <= TimeSpan.Zero || s.WebhookTimeout > TimeSpan.FromSeconds(60))
        {
            yield return ConfigurationProblem.Format($"{Path}:WebhookTimeout", "must be positive and at most 60 seconds", s.WebhookTimeout);
        }

        var isFile = string.Equals(s.Sender, SmsOptions.FileSender, StringComparison.OrdinalIgnoreCase);
        var isWebhook = string.Equals(s.Sender, SmsOptions.WebhookSender, StringComparison.OrdinalIgnoreCase);
        if (!isFile && !isWebhook)
        {
            yield return ConfigurationProblem.Format($"{Path}:Sender", "must be 'file' or 'webhook'", s.Sender);
        }

        if (!s.Enabled || !isWebhook)
        {
            yield break;
        }

        if (!Uri.TryCreate(s.WebhookUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            yield return ConfigurationProblem.Format($"{Path}:WebhookUrl", "must be an absolute http:// or https:// URL when Sender is 'webhook'", s.WebhookUrl);
        }
        else if (url.Scheme == Uri.UriSchemeHttp && !url.IsLoopback)
        {
            yield return ConfigurationProblem.Format($"{Path}:WebhookUrl", "must use https:// unless it points at this machine", s.WebhookUrl);
        }

        if (StandardWebhookSigner.ParseSecret(s.WebhookSecret) is not { Length: >= 16 })
        {
            // The value is a secret: only say what is wrong with it.
            yield return ConfigurationProblem.Format($"{Path}:WebhookSecret",
                "must be base64 (optionally prefixed 'whsec_') of at least 16 bytes when Sender is 'webhook'", s.WebhookSecret is null ? null : "(hidden)");
        }
    }
}
