using Microsoft.Extensions.Options;
using Portcullis.Core.Configuration;
using Portcullis.Core.Notifications;

namespace Portcullis.Server.Notifications.Email;

/// <summary>Checks the <c>Notifications:Email</c> section. Never shows <c>Smtp:Password</c>.</summary>
public sealed class EmailConfigurationCheck(IOptions<NotificationOptions> options) : IConfigurationCheck
{
    private const string Path = NotificationOptions.Section + ":Email";

    public IEnumerable<string> Problems()
    {
        var email = options.Value.Email;
        var sink = email.Sink?.Trim();
        if (!IsSink(sink, EmailOptions.SmtpSink) && !IsSink(sink, EmailOptions.FileSink) && !IsSink(sink, EmailOptions.ConsoleSink))
        {
            yield return ConfigurationProblem.Format($"{Path}:Sink", "must be smtp, file or console", email.Sink);
        }

        if (!EmailMessage.TryParseMailbox(email.From, out _))
        {
            yield return ConfigurationProblem.Format($"{Path}:From", "must be an email address, optionally with a name (Name <address@domain>)", email.From);
        }

        if (IsSink(sink, EmailOptions.FileSink) && string.IsNullOrWhiteSpace(email.Directory))
        {
            yield return ConfigurationProblem.Format($"{Path}:Directory", "must name a folder for the file sink", email.Directory);
        }

        var smtp = email.Smtp;
        if (IsSink(sink, EmailOptions.SmtpSink) && string.IsNullOrWhiteSpace(smtp.Host))
        {
            yield return ConfigurationProblem.Format($"{Path}:Smtp:Host", "must be set for the smtp sink", smtp.Host);
        }

        if (smtp.Port is < 1 or > 65535)
        {
            yield return ConfigurationProblem.Format($"{Path}:Smtp:Port", "must be between 1 and 65535", smtp.Port);
        }

        if (SmtpEmailSender.ParseSecurity(smtp.Security) is null)
        {
            yield return ConfigurationProblem.Format($"{Path}:Smtp:Security", "must be auto, none, starttls or tls", smtp.Security);
        }

        if (smtp.Timeout <= TimeSpan.Zero || smtp.Timeout > TimeSpan.FromMinutes(10))
        {
            yield return ConfigurationProblem.Format($"{Path}:Smtp:Timeout", "must be more than 0 and at most 00:10:00", smtp.Timeout);
        }

        if (string.IsNullOrEmpty(smtp.Username) && !string.IsNullOrEmpty(smtp.Password))
        {
            yield return ConfigurationProblem.Format($"{Path}:Smtp:Password", "is set but Smtp:Username is not", "(hidden)");
        }
    }

    private static bool IsSink(string? sink, string name) => string.Equals(sink, name, StringComparison.OrdinalIgnoreCase);
}
