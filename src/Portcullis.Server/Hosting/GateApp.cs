using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Portcullis.Core.Passwords;
using Portcullis.Server.Api;
using Portcullis.Server.Api.Authenticators;
using Portcullis.Server.Api.Factors;
using Portcullis.Server.Api.Notifications;
using Portcullis.Server.Api.Policy;
using Portcullis.Server.Api.Trading;
using Portcullis.Server.Auth;
using Portcullis.Server.Http;
using Portcullis.Server.Notifications;
using Portcullis.Server.Portal;
using Portcullis.Server.Sms;

namespace Portcullis.Server.Hosting;

/// <summary>Builds the gate's web application: services, Kestrel limits, the middleware pipeline and the API.</summary>
public static class GateApp
{
    /// <summary>
    /// A builder whose configuration comes only from Portcullis's own sources (see
    /// <see cref="PortcullisConfiguration"/>); <paramref name="configure"/> may add services or overrides (tests).
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string? configFile, IReadOnlyDictionary<string, string?>? overrides,
        Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.AddPortcullisSources(configFile, overrides);
        builder.WebHost.UseKestrelCore().UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel((context, kestrel) => kestrel.Configure(context.Configuration.GetSection("Kestrel"), reloadOnChange: false));
        builder.Services.AddRoutingCore();
        ConfigureLogging(builder);
        builder.Services.AddPortcullis(builder.Configuration);
        ConfigureHttp(builder);
        ConfigureTelemetry(builder);
        configure?.Invoke(builder);
        return builder;
    }

    /// <summary>Builds the app and maps the pipeline and endpoints.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        var server = app.Services.GetRequiredService<IOptions<ServerOptions>>().Value;
        app.Urls.Clear();
        foreach (var url in server.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            app.Urls.Add(url);
        }

        if (server.TrustedProxies.Count > 0)
        {
            // Without a configured proxy the headers are not read at all: with empty known lists the middleware
            // would believe X-Forwarded-For from anyone.
            app.UseForwardedHeaders();
        }

        app.UseMiddleware<RequestLoggingMiddleware>();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages(StatusCodeProblems.WriteAsync);
        // A signed request's body is checked against its Content-Digest after the endpoint's arguments are bound: keep it.
        app.Use((context, next) =>
        {
            if (Auth.ApiKeys.SignedRequestAuthenticator.IsSigned(context.Request))
            {
                context.Request.EnableBuffering();
            }

            return next(context);
        });
        app.UseRouting();

        app.MapOpenApi("/openapi/{documentName}.json");
        HealthEndpoints.Map(app);
        var api = app.MapGroup("/api/v1").WithTags("API");
        var authenticated = app.MapGroup("/api/v1").WithTags("API").RequireSession();
        SignInEndpoints.Map(api, authenticated);
        SessionEndpoints.Map(authenticated);
        MeEndpoints.Map(authenticated);
        FactorEndpoints.Map(authenticated);
        DeviceEndpoints.Map(authenticated);
        TotpEndpoints.Map(api, authenticated);
        WebAuthnEndpoints.Map(api, authenticated);
        PushEndpoints.Map(api, authenticated);
        SmsEndpoints.Map(api, authenticated);
        RecoveryCodeEndpoints.Map(api, authenticated);
        AuthenticatorEndpoints.Map(api);
        NotificationEndpoints.Map(authenticated);
        ActivityReportEndpoints.Map(authenticated);
        DeliveryAdminEndpoints.Map(authenticated);
        FreezeLinkEndpoints.Map(app);
        DecisionEndpoints.Map(authenticated);
        // Protection: freezes, settings lock, trusted networks
        Api.Protection.FreezeEndpoints.Map(authenticated);
        Api.Protection.SettingsLockEndpoints.Map(authenticated);
        Api.Protection.TrustedNetworkEndpoints.Map(authenticated);
        Api.Holds.OperationEndpoints.Map(authenticated);
        Api.ApiKeys.ApiKeyEndpoints.Map(authenticated);
        Api.ApiKeys.SessionKeyEndpoints.Map(authenticated);
        var account = app.MapGroup("/api/v1/accounts/{accountId:guid}").WithTags("Trading").RequireAccount();
        TradingEndpoints.Map(authenticated, account);
        app.MapPortal();
        return app;
    }

    private static void ConfigureLogging(WebApplicationBuilder builder)
    {
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        if (string.Equals(builder.Configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }

        // Framework categories that could echo request details stay at warning unless configured otherwise.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
    }

    private static void ConfigureHttp(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>()
            .Configure<IOptions<ServerOptions>>((kestrel, server) =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxRequestBodySize = server.Value.MaxRequestBodyBytes;
                kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            });
        services.Configure<JsonOptions>(o => JsonDefaults.Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ServerOptions>>((forwarded, server) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in server.Value.TrustedProxies)
            {
                if (TrustedProxy.TryParse(proxy, out var address, out var network))
                {
                    if (address is not null)
                    {
                        forwarded.KnownProxies.Add(address);
                    }
                    else
                    {
                        forwarded.KnownIPNetworks.Add(network!.Value);
                    }
                }
            }
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddProblemDetails();
        services.AddScoped<SessionFilter>();
        services.AddScoped<Policy.PolicyFilter>();
        services.AddSingleton<Auth.ApiKeys.VerificationKeyCache>();
        services.AddSingleton<Auth.ApiKeys.SessionKeyCache>();
        services.AddSingleton<Auth.ApiKeys.ApiKeyUseJournal>();
        services.AddSingleton<Auth.ApiKeys.SignedRequestAuthenticator>();
        services.AddHostedService<Auth.ApiKeys.ApiKeyUsageSweeper>();
        services.AddHostedService<Holds.HeldOperationSweeper>();
        services.AddHostedService<Protection.ProtectionSweeper>();
        services.AddScoped<AccountAccessFilter>();
        services.AddHostedService<Trading.PriceProcessingService>();
        services.AddHostedService<Trading.TradeConfirmationService>();
        services.AddPortal();
        services.AddSmsSenders();
        services.AddNotificationDelivery();
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Portcullis API";
            document.Info.Description = "The security gate in front of a trading platform. Errors are RFC 9457 problem details with a stable `code`.";
            return Task.CompletedTask;
        }));
    }

    private static void ConfigureTelemetry(WebApplicationBuilder builder)
    {
        var telemetry = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (string.IsNullOrWhiteSpace(telemetry.OtlpEndpoint) || !Uri.TryCreate(telemetry.OtlpEndpoint, UriKind.Absolute, out var endpoint))
        {
            return;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(telemetry.ServiceName))
            .WithTracing(t => t.AddAspNetCoreInstrumentation(o => o.RecordException = false).AddOtlpExporter(o => o.Endpoint = endpoint))
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddMeter(PasswordHashingPool.MeterName, Core.Protection.SecurityStateCache.MeterName).AddOtlpExporter(o => o.Endpoint = endpoint));
    }
}
