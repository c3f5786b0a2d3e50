namespace Portcullis.Server.Sms;

/// <summary>Registers the SMS sender chosen by configuration.</summary>
public static class SmsHosting
{
    public static IServiceCollection AddSmsSenders(this IServiceCollection services) => services;
}
