using Portcullis.Core;
using Portcullis.Core.Configuration;
using Portcullis.Core.Factors;
using Portcullis.Core.Passwords;
using Portcullis.Core.SignIn;
using Portcullis.Server.Trading;
using Portcullis.Storage;
using SessionOptions = Portcullis.Core.Sessions.SessionOptions;

namespace Portcullis.Server.Hosting;

public static class PortcullisServices
{
    /// <summary>Binds every options section and registers Core and Storage: what both the server and the admin CLI need.</summary>
    public static IServiceCollection AddPortcullis(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PasswordOptions>(configuration.GetSection(PasswordOptions.Section));
        services.Configure<SessionOptions>(configuration.GetSection(SessionOptions.Section));
        services.Configure<ThrottleOptions>(configuration.GetSection(ThrottleOptions.Section));
        services.Configure<StorageOptions>(configuration.GetSection(StorageOptions.Section));
        services.Configure<FactorOptions>(configuration.GetSection(FactorOptions.Section));
        services.Configure<ServerOptions>(configuration.GetSection(ServerOptions.Section));
        services.Configure<Portcullis.Core.Policy.PolicyOptions>(configuration.GetSection(Portcullis.Core.Policy.PolicyOptions.Section));
        services.Configure<TelemetryOptions>(configuration.GetSection(TelemetryOptions.Section));
        services.Configure<Portcullis.Core.Notifications.NotificationOptions>(configuration.GetSection(Portcullis.Core.Notifications.NotificationOptions.Section));
        services.Configure<Portcullis.Core.Protection.ProtectionOptions>(configuration.GetSection(Portcullis.Core.Protection.ProtectionOptions.Section));
        services.Configure<Portcullis.Core.Holds.HeldOperationOptions>(configuration.GetSection(Portcullis.Core.Holds.HeldOperationOptions.Section));
        services.Configure<Portcullis.Core.ApiKeys.ApiKeyOptions>(configuration.GetSection(Portcullis.Core.ApiKeys.ApiKeyOptions.Section));
        services.AddSingleton<IConfigurationCheck, ServerConfigurationCheck>();
        services.AddPortcullisCore();
        services.AddPortcullisStorage();
        services.AddPortcullisTrading(configuration);
        return services;
    }

    /// <summary>Runs every configuration check and returns all problems together.</summary>
    public static IReadOnlyList<string> CheckConfiguration(this IServiceProvider services)
    {
        var problems = new List<string>();
        foreach (var check in services.GetServices<IConfigurationCheck>())
        {
            try
            {
                problems.AddRange(check.Problems());
            }
            catch (InvalidOperationException ex) when (ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
            {
                // The binder names the path and the target type; the value itself may be a secret.
                problems.Add(ex.Message);
            }
        }

        return problems;
    }
}
