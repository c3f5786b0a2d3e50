using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Configuration;

namespace Portcullis.Core.Holds;

/// <summary>Registers held operations and their executors (called by <c>AddPortcullisCore</c>).</summary>
public static class HeldOperationServices
{
    public static IServiceCollection AddHeldOperations(this IServiceCollection services)
    {
        services.AddOptions<HeldOperationOptions>();
        services.AddSingleton<IConfigurationCheck, HeldOperationConfigurationCheck>();
        services.AddSingleton<HeldOperationService>();
        // One executor per operation that can be held (add below this line).
        services.AddSingleton<IHeldOperationExecutor, NotificationContactAddExecutor>();
        services.AddSingleton<IHeldOperationExecutor, NetworkTrustExecutor>();
        return services;
    }
}
