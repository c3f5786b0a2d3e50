using System.Text;
using Microsoft.Net.Http.Headers;
using Portcullis.Core.Notifications;
using Portcullis.Server.Auth;
using Portcullis.Server.Http;
using Portcullis.Server.Policy;

namespace Portcullis.Server.Api.Notifications;

/// <summary>
/// The one-click "this wasn't me" link from security emails, at the app root (<c>/wasnt-me/{token}</c>, see
/// <see cref="FreezeLinks"/>). GET shows a page and changes nothing (mail scanners prefetch links); POST (the page's
/// button) uses the link. HTML by default; JSON and RFC 9457 problems for <c>Accept: application/json</c>. The
/// token is the only credential: 256 random bits, single use, expiring. The request log redacts it.
/// </summary>
public static class FreezeLinkEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(FreezeLinks.PathPrefix.TrimEnd('/')).WithTags("Freeze link");

        group.MapGet("/{token}", async (string token, HttpContext http, FreezeLinkService links, CancellationToken cancellationToken) =>
            {
                NoStore(http);
                var usable = await links.PeekAsync(token, cancellationToken);
                if (WantsJson(http))
                {
                    return usable ? TypedResults.Ok(new { usable = true }) : Problems.From(FreezeLinkErrors.Invalid("peek"));
                }

                return Html(http, usable ? FreezeLinkPages.Confirm() : FreezeLinkPages.Invalid(),
                    usable ? StatusCodes.Status200OK : StatusCodes.Status410Gone);
            })
            .WithName("ShowFreezeLink")
            .OutsidePolicy("the one-click freeze link: the emailed token is the credential, and freezing is always allowed")
            .WithSummary("The page behind a \"this wasn't me\" link: says whether it can be used and offers the button; changes nothing");

        group.MapPost("/{token}", async (string token, HttpContext http, FreezeLinkService links, ILoggerFactory loggers,
                CancellationToken cancellationToken) =>
            {
                NoStore(http);
                var result = await links.UseAsync(token, http.ClientIp()?.ToString(), cancellationToken);
                var logger = loggers.CreateLogger(typeof(FreezeLinkEndpoints));
                if (!result.IsSuccess)
                {
                    logger.LogInformation("Freeze link refused: {Reason}", result.Error.Reason);
                    return WantsJson(http)
                        ? Problems.From(result.Error)
                        : Html(http, FreezeLinkPages.Invalid(), StatusCodes.Status410Gone);
                }

                var request = result.Value;
                logger.LogWarning("Freeze requested through a link for user {UserId}: {Sessions} session(s) revoked", request.UserId,
                    request.SessionsRevoked);
                return WantsJson(http)
                    ? TypedResults.Ok(new { freeze_requested = true, sessions_revoked = request.SessionsRevoked })
                    : Html(http, FreezeLinkPages.Done(request.SessionsRevoked), StatusCodes.Status200OK);
            })
            .WithName("UseFreezeLink")
            .OutsidePolicy("the one-click freeze link: the emailed token is the credential, and freezing is always allowed")
            .WithSummary("Use a \"this wasn't me\" link: signs the account out everywhere and records a freeze request (410 freeze_link.invalid when unknown, expired or used)");
    }

    private static bool WantsJson(HttpContext http)
    {
        var accept = http.Request.Headers.Accept;
        if (accept.Count == 0 || !MediaTypeHeaderValue.TryParseList(accept, out var types))
        {
            return false;
        }

        var json = types.Any(t => t.MediaType.Value is { } m && (m.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || m.Equals(Problems.ContentType, StringComparison.OrdinalIgnoreCase)));
        var html = types.Any(t => t.MediaType.Value is { } m && m.Equals("text/html", StringComparison.OrdinalIgnoreCase));
        return json && !html;
    }

    /// <summary>Neither the page nor the answer may be kept by a browser or a proxy.</summary>
    private static void NoStore(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
    }

    private static IResult Html(HttpContext http, string page, int status)
    {
        http.Response.Headers.ContentSecurityPolicy = FreezeLinkPages.ContentSecurityPolicy;
        return Results.Content(page, "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}
