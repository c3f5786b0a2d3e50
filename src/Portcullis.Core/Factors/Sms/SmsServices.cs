using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Configuration;

namespace Portcullis.Core.Factors.Sms;

/// <summary>
/// Registers this factor's services (called by <c>AddPortcullisCore</c>). The host registers the
/// <see cref="ISmsSender"/> chosen by <c>Factors:Sms:Sender</c>.
/// </summary>
public static class SmsServices
{
    public static IServiceCollection AddSmsFactor(this IServiceCollection services)
    {
        services.AddSingleton<IConfigurationCheck, SmsConfigurationCheck>();
        services.AddSingleton<SmsService>();
        return services;
    }
}
