using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portcullis.Core.Configuration;

namespace Portcullis.Core.Factors.WebAuthn;

/// <summary>Registers this factor's services (called by <c>AddPortcullisCore</c>).</summary>
public static class WebAuthnServices
{
    /// <summary>
    /// The relying party reads <c>Server:Urls</c> from the host's <see cref="IConfiguration"/> (when there is one)
    /// to derive its default origins.
    /// </summary>
    public static IServiceCollection AddWebAuthnFactor(this IServiceCollection services)
    {
        services.AddSingleton(sp => new WebAuthnRelyingParty(
            sp.GetRequiredService<IOptions<FactorOptions>>().Value.WebAuthn,
            sp.GetService<IConfiguration>()?["Server:Urls"]));
        services.AddSingleton<IConfigurationCheck, WebAuthnConfigurationCheck>();
        services.AddSingleton<WebAuthnService>();
        return services;
    }
}
