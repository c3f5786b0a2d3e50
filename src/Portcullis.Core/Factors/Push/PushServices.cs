using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Configuration;

namespace Portcullis.Core.Factors.Push;

/// <summary>Registers this factor's services (called by <c>AddPortcullisCore</c>).</summary>
public static class PushServices
{
    public static IServiceCollection AddPushFactor(this IServiceCollection services)
    {
        // Long polls wait in real time even when the gate's clock is a test's fake one (see PushSignals).
        services.AddSingleton(new PushSignals(TimeProvider.System));
        services.AddSingleton<IConfigurationCheck, PushConfigurationCheck>();
        services.AddSingleton<AuthenticatorEnrollmentService>();
        services.AddSingleton<AuthenticatorService>();
        services.AddSingleton<PushService>();
        return services;
    }
}
