using Microsoft.Net.Http.Headers;
using Portcullis.Core.Factors;
using Portcullis.Core.Sessions;
using Portcullis.Server.Http;

namespace Portcullis.Server.Auth;

/// <summary>
/// Requires a session on an endpoint: a bearer token (native clients) or the session cookie (browsers).
/// Cookie-borne requests that change state must come from this origin (Sec-Fetch-Site / Origin), on top
/// of SameSite=Strict. A session issued with a one-time password may only change it or sign out; one opened
/// with a recovery code may only enrol a new factor.
/// </summary>
internal sealed class SessionFilter(SessionService sessions) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var (token, fromCookie) = ReadToken(http.Request);
        var current = await sessions.AuthenticateAsync(token, http.RequestAborted);
        if (current is null)
        {
            if (fromCookie)
            {
                SessionCookies.ClearSession(http.Response);
            }

            return Problems.Of(ProblemCatalog.AuthRequired, "Sign in first: the session is missing, expired or revoked.");
        }

        if (fromCookie && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && IsCrossSite(http.Request))
        {
            return Problems.Of(ProblemCatalog.RequestCrossSite, "This request did not come from this site.");
        }

        if (current.Session.PasswordChangeRequired && http.GetEndpoint()?.Metadata.GetMetadata<AllowDuringPasswordChange>() is null)
        {
            return Problems.From(SessionErrors.PasswordChangeRequired());
        }

        if (current.Session.FactorEnrollmentRequired && http.GetEndpoint()?.Metadata.GetMetadata<AllowDuringFactorEnrollment>() is null)
        {
            return Problems.From(FactorErrors.EnrollmentRequired());
        }

        http.Features.Set(current);
        return await next(context);
    }

    internal static (string? Token, bool FromCookie) ReadToken(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return (authorization["Bearer ".Length..].Trim(), false);
        }

        return request.Cookies.TryGetValue(SessionCookies.Session, out var cookie) ? (cookie, true) : (null, false);
    }

    private static bool IsCrossSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site is not ("same-origin" or "none");
        }

        var origin = request.Headers[HeaderNames.Origin].ToString();
        if (origin.Length == 0)
        {
            return false;
        }

        return !Uri.TryCreate(origin, UriKind.Absolute, out var uri) ||
            !string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase) ||
            !string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase);
    }
}
