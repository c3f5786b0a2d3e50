using Microsoft.Extensions.DependencyInjection;

namespace Portcullis.Core.Factors.WebAuthn;

/// <summary>Registers this factor's services (called by <c>AddPortcullisCore</c>).</summary>
public static class WebAuthnServices
{
    public static IServiceCollection AddWebAuthnFactor(this IServiceCollection services) => services;
}
