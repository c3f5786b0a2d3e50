using Microsoft.Extensions.Options;
using Portcullis.Core.Factors;
using Portcullis.Core.Factors.Sms;

namespace Portcullis.Server.Sms;

/// <summary>Registers the SMS sender chosen by <c>Factors:Sms:Sender</c>: <c>file</c> (default) or <c>webhook</c>.</summary>
public static class SmsHosting
{
    public static IServiceCollection AddSmsSenders(this IServiceCollection services)
    {
        services.AddSingleton<FileSmsSender>();
        services.AddSingleton<WebhookSmsSender>();

        // The client's own logging would write the gateway URL (which may carry a token) and timings; the sender
        // logs what matters itself. Its timeout is the sender's (Factors:Sms:WebhookTimeout), not HttpClient's.
        services.AddHttpClient(WebhookSmsSender.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
            .RemoveAllLoggers();
        services.AddSingleton<ISmsSender>(sp =>
            string.Equals(sp.GetRequiredService<IOptions<FactorOptions>>().Value.Sms.Sender, SmsOptions.WebhookSender, StringComparison.OrdinalIgnoreCase)
                ? sp.GetRequiredService<WebhookSmsSender>()
                : sp.GetRequiredService<FileSmsSender>());
        return services;
    }
}
