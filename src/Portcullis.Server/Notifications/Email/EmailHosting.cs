namespace Portcullis.Server.Notifications.Email;

/// <summary>Registers the email channel (owned by the email work: SMTP sender and development sinks).</summary>
public static class EmailHosting
{
    public static IServiceCollection AddEmailNotifications(this IServiceCollection services) => services;
}
