using Microsoft.Extensions.DependencyInjection;

namespace Portcullis.Core.Factors.Sms;

/// <summary>Registers this factor's services (called by <c>AddPortcullisCore</c>).</summary>
public static class SmsServices
{
    public static IServiceCollection AddSmsFactor(this IServiceCollection services) => services;
}
