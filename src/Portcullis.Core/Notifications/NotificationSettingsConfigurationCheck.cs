using Microsoft.Extensions.Options;
using Portcullis.Core.Configuration;

namespace Portcullis.Core.Notifications;

/// <summary>Checks the keys of the <c>Notifications</c> section that the settings and the webhook channel use.</summary>
public sealed class NotificationSettingsConfigurationCheck(IOptions<NotificationOptions> options) : IConfigurationCheck
{
    public IEnumerable<string> Problems()
    {
        var n = options.Value;
        if (n.MaxContacts is < 2 or > 100)
        {
            yield return ConfigurationProblem.Format("Notifications:MaxContacts", "must be 2–100 (an email address and a phone at least)", n.MaxContacts);
        }

        if (n.MaxWebhooks is < 1 or > 100)
        {
            yield return ConfigurationProblem.Format("Notifications:MaxWebhooks", "must be 1–100", n.MaxWebhooks);
        }

        if (n.Webhooks.Timeout <= TimeSpan.Zero || n.Webhooks.Timeout > TimeSpan.FromMinutes(5))
        {
            yield return ConfigurationProblem.Format("Notifications:Webhooks:Timeout", "must be positive and at most 5 minutes", n.Webhooks.Timeout);
        }
    }
}
