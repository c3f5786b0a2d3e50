using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Portcullis.Server.Policy;
using Portcullis.Storage;

namespace Portcullis.Server.Portal;

/// <summary>
/// The client portal: server-rendered Razor Pages at the site root in the gate's own process (docs/portal.md). Pages call
/// the gate's services directly; their session is the API's browser session cookie; every POST form carries an
/// antiforgery token; every page has a strict Content-Security-Policy and loads only this origin's assets.
/// </summary>
public static class PortalHosting
{
    /// <summary>The antiforgery cookie: <c>__Host-</c> prefixed, HttpOnly, Secure and SameSite=Strict like the session cookie.</summary>
    public const string AntiforgeryCookie = "__Host-portcullis-antiforgery";

    /// <summary>The form field that carries the antiforgery token.</summary>
    public const string AntiforgeryField = "__RequestVerificationToken";

    public static IServiceCollection AddPortal(this IServiceCollection services)
    {
        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Portal/Pages";
                o.Conventions.ConfigureFilter(new AntiforgeryFailurePage());
            })
            .AddApplicationPart(typeof(PortalHosting).Assembly);
        services.AddScoped<StepUpFlow>();
        services.AddAntiforgery(o =>
        {
            o.Cookie = new SecureCookieBuilder
            {
                Name = AntiforgeryCookie,
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Path = "/",
                IsEssential = true,
            };
            o.FormFieldName = AntiforgeryField;
            o.SuppressXFrameOptionsHeader = true; // the security headers middleware sets DENY on every response
        });

        // Antiforgery tokens are protected with Data Protection keys kept in the data directory, so that a restart does not
        // invalidate open forms. Several nodes must share this folder (docs/portal.md).
        services.AddDataProtection().SetApplicationName("Portcullis");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<StorageOptions>, ILoggerFactory>((keys, storage, loggers) =>
            keys.XmlRepository = new FileSystemXmlRepository(
                new DirectoryInfo(Path.Combine(Path.GetFullPath(storage.Value.DataDirectory), "portal-keys")), loggers));
        return services;
    }

    /// <summary>Maps the portal's pages and its local assets; must run after <c>UseRouting</c>.</summary>
    public static void MapPortal(this WebApplication app)
    {
        PortalAssets.Map(app);
        app.MapRazorPages()
            .WithMetadata(new PortalPage())
            .OutsidePolicy("a portal page: its handlers ask the policy for each operation they perform, as the API's endpoints do");
    }

    /// <summary>
    /// Always marks the cookie Secure, as <see cref="Auth.SessionCookies"/> does: a <c>__Host-</c> cookie must be, and browsers
    /// accept Secure cookies from <c>http://localhost</c>. (<see cref="CookieSecurePolicy.Always"/> would instead make antiforgery
    /// refuse every plain-HTTP request, local ones included.)
    /// </summary>
    private sealed class SecureCookieBuilder : CookieBuilder
    {
        public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
        {
            var options = base.Build(context, expiresFrom);
            options.Secure = true;
            return options;
        }
    }
}
