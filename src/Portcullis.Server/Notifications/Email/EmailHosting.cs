using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Portcullis.Core.Configuration;
using Portcullis.Core.Notifications;
using Portcullis.Core.Notifications.Delivery;

namespace Portcullis.Server.Notifications.Email;

/// <summary>
/// Registers the email channel: the sender chosen by <c>Notifications:Email:Sink</c> (<c>smtp</c>, <c>file</c> (default)
/// or <c>console</c>) as an <see cref="INotificationSender"/> beside the other channels, and its configuration check.
/// </summary>
public static class EmailHosting
{
    public static IServiceCollection AddEmailNotifications(this IServiceCollection services)
    {
        services.AddSingleton<IConfigurationCheck, EmailConfigurationCheck>();
        services.TryAddSingleton<SmtpEmailSender>();
        services.TryAddSingleton<FileEmailSender>();
        services.TryAddSingleton<ConsoleEmailSender>();
        services.AddSingleton<INotificationSender>(sp => Sink(sp.GetRequiredService<IOptions<NotificationOptions>>().Value.Email.Sink?.Trim()) switch
        {
            EmailOptions.SmtpSink => sp.GetRequiredService<SmtpEmailSender>(),
            EmailOptions.FileSink => sp.GetRequiredService<FileEmailSender>(),
            EmailOptions.ConsoleSink => sp.GetRequiredService<ConsoleEmailSender>(),
            var other => throw new InvalidOperationException(
                $"Notifications:Email:Sink must be smtp, file or console (value: {other}); the configuration check reports this at start-up."),
        });
        return services;
    }

    private static string? Sink(string? value) => value?.ToLowerInvariant();
}
