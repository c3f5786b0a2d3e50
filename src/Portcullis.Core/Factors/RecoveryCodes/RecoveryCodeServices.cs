using Microsoft.Extensions.DependencyInjection;

namespace Portcullis.Core.Factors.RecoveryCodes;

/// <summary>Registers this factor's services (called by <c>AddPortcullisCore</c>).</summary>
public static class RecoveryCodeServices
{
    public static IServiceCollection AddRecoveryCodes(this IServiceCollection services) => services.AddSingleton<RecoveryCodeService>();
}
