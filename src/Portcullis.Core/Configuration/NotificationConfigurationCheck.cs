using Microsoft.Extensions.Options;
using Portcullis.Core.Notifications;

namespace Portcullis.Core.Configuration;

/// <summary>Checks the general and dispatcher keys of the <c>Notifications</c> section (settings, email and webhooks have checks of their own).</summary>
public sealed class NotificationConfigurationCheck(IOptions<NotificationOptions> notifications) : IConfigurationCheck
{
    public IEnumerable<string> Problems()
    {
        var n = notifications.Value;
        if (n.PublicUrl is { Length: > 0 } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            yield return ConfigurationProblem.Format("Notifications:PublicUrl", "must be an absolute http or https URL", url);
        }

        if (n.FreezeLinkLifetime <= TimeSpan.Zero)
        {
            yield return ConfigurationProblem.Format("Notifications:FreezeLinkLifetime", "must be positive", n.FreezeLinkLifetime);
        }

        var d = n.Dispatcher;
        foreach (var (name, value) in new[]
                 {
                     ("PollInterval", d.PollInterval), ("BaseDelay", d.BaseDelay), ("MaxDelay", d.MaxDelay), ("Lease", d.Lease),
                     ("SendTimeout", d.SendTimeout),
                 })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return ConfigurationProblem.Format($"Notifications:Dispatcher:{name}", "must be positive", value);
            }
        }

        if (d.BatchSize is < 1 or > 500)
        {
            yield return ConfigurationProblem.Format("Notifications:Dispatcher:BatchSize", "must be between 1 and 500", d.BatchSize);
        }

        if (d.MaxAttempts is < 1 or > 100)
        {
            yield return ConfigurationProblem.Format("Notifications:Dispatcher:MaxAttempts", "must be between 1 and 100", d.MaxAttempts);
        }

        if (d.MaxDelay < d.BaseDelay)
        {
            yield return ConfigurationProblem.Format("Notifications:Dispatcher:MaxDelay", "must not be shorter than Notifications:Dispatcher:BaseDelay", d.MaxDelay);
        }

        if (d.Lease <= d.SendTimeout)
        {
            yield return ConfigurationProblem.Format("Notifications:Dispatcher:Lease",
                "must be longer than Notifications:Dispatcher:SendTimeout (or a slow send is taken over by another dispatcher)", d.Lease);
        }
    }
}
