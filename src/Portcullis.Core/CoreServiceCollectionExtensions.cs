using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Portcullis.Core.Accounts;
using Portcullis.Core.Configuration;
using Portcullis.Core.Devices;
using Portcullis.Core.Factors;
using Portcullis.Core.Factors.Push;
using Portcullis.Core.Factors.RecoveryCodes;
using Portcullis.Core.Factors.Sms;
using Portcullis.Core.Factors.Totp;
using Portcullis.Core.Factors.WebAuthn;
using Portcullis.Core.Holds;
using Portcullis.Core.Notifications;
using Portcullis.Core.Notifications.Reports;
using Portcullis.Core.Passwords;
using Portcullis.Core.Sessions;
using Portcullis.Core.SignIn;
using Portcullis.Core.Users;

namespace Portcullis.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the gate's use cases. Options (<see cref="PasswordOptions"/>, <see cref="SessionOptions"/>,
    /// <see cref="ThrottleOptions"/>) are bound by the host; an <c>IGateStore</c> comes from Storage.
    /// </summary>
    public static IServiceCollection AddPortcullisCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PasswordOptions>();
        services.AddOptions<SessionOptions>();
        services.AddOptions<ThrottleOptions>();
        services.AddOptions<Policy.PolicyOptions>();
        services.AddSingleton<IConfigurationCheck, PasswordConfigurationCheck>();
        services.AddSingleton<IConfigurationCheck, SessionConfigurationCheck>();
        services.AddSingleton<IConfigurationCheck, ThrottleConfigurationCheck>();
        services.AddSingleton<IConfigurationCheck, NotificationConfigurationCheck>();
        services.AddSingleton<IConfigurationCheck, PolicyConfigurationCheck>();
        services.AddSingleton(PasswordBlocklist.Default);
        services.AddSingleton(sp => new Argon2idPasswordHasher(sp.GetRequiredService<IOptions<PasswordOptions>>().Value));
        services.AddSingleton(sp => new PasswordPolicy(sp.GetRequiredService<IOptions<PasswordOptions>>().Value, sp.GetRequiredService<PasswordBlocklist>()));
        services.AddSingleton(sp => new PasswordHashingPool(sp.GetRequiredService<IOptions<PasswordOptions>>().Value));
        services.AddSingleton<PasswordGate>();
        services.AddSingleton<SessionService>();
        services.AddSingleton<SignInService>();
        services.AddSingleton<UserService>();
        services.AddSingleton<AccountService>();
        services.AddOptions<FactorOptions>();
        services.AddSingleton<DeviceService>();
        services.AddSingleton<FactorService>();
        services.AddSingleton<SignInFlowService>();
        services.AddSingleton<TotpService>();
        services.AddWebAuthnFactor();
        services.AddPushFactor();
        services.AddSmsFactor();
        services.AddRecoveryCodes();
        services.AddOptions<Notifications.NotificationOptions>();
        services.AddSingleton<Notifications.Delivery.OutboxSignal>();
        services.AddSingleton<Notifications.Delivery.NotificationFanOut>();
        services.AddSingleton<Notifications.Delivery.DeliveryAdminService>();
        services.AddSingleton<ActivityReportService>();
        services.AddSingleton<Notifications.FreezeLinkService>();
        services.AddSingleton<Policy.PolicyProvider>();
        services.AddSingleton<Policy.PolicyGate>();
        services.AddNotificationSettings();

        // Protection: freezes, settings lock, cool-downs, trusted networks
        services.AddOptions<Protection.ProtectionOptions>();
        services.AddSingleton<IConfigurationCheck, ProtectionConfigurationCheck>();
        services.AddSingleton<Protection.SecurityStateCache>();
        services.AddSingleton<Protection.ProtectionService>();
        services.AddSingleton<Policy.IAccountProtectionSource>(sp => sp.GetRequiredService<Protection.ProtectionService>());
        services.AddSingleton<Protection.SettingsLockService>();
        services.AddSingleton<Protection.TrustedNetworkService>();
        services.AddHeldOperations();

        // API keys
        services.AddOptions<ApiKeys.ApiKeyOptions>();
        services.AddSingleton<IConfigurationCheck, ApiKeys.ApiKeyConfigurationCheck>();
        services.AddSingleton<ApiKeys.ApiKeyService>();
        services.AddSingleton<ApiKeys.SessionKeyService>();
        services.AddSingleton<ApiKeys.ApiKeyUsageService>();
        return services;
    }
}
