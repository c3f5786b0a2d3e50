using Microsoft.Extensions.DependencyInjection;

namespace Portcullis.Core.Factors.Push;

/// <summary>Registers this factor's services (called by <c>AddPortcullisCore</c>).</summary>
public static class PushServices
{
    public static IServiceCollection AddPushFactor(this IServiceCollection services) => services;
}
