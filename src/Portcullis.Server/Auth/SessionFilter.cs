using Microsoft.Net.Http.Headers;
using Portcullis.Core.ApiKeys;
using Portcullis.Core.Factors;
using Portcullis.Core.Sessions;
using Portcullis.Server.Auth.ApiKeys;
using Portcullis.Server.Http;

namespace Portcullis.Server.Auth;

/// <summary>
/// Requires a session on an endpoint: a bearer token (native clients) or the session cookie (browsers).
/// Cookie-borne requests that change state must come from this origin (Sec-Fetch-Site / Origin), on top
/// of SameSite=Strict. A session issued with a one-time password may only change it or sign out; one opened
/// with a recovery code may only enrol a new factor.
/// </summary>
internal sealed class SessionFilter(SessionService sessions, SignedRequestAuthenticator signed) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var (token, fromCookie) = ReadToken(http.Request);
        if (token is null && SignedRequestAuthenticator.IsSigned(http.Request))
        {
            return await SignedAsync(context, next);
        }

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

    /// <summary>
    /// A request signed with an API key (no session): authenticated by its signature, then its address and permission are
    /// checked; an endpoint whose handler needs a session (not marked <see cref="AllowApiKey"/>) is refused here, after
    /// those checks, and the policy filter decides the rest (docs/api-keys.md).
    /// </summary>
    private async ValueTask<object?> SignedAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var authenticated = await signed.AuthenticateAsync(http);
        if (!authenticated.IsSuccess)
        {
            return Problems.From(authenticated.Error);
        }

        var request = authenticated.Value;
        var endpoint = http.GetEndpoint();
        var operation = endpoint?.Metadata.GetMetadata<Policy.OperationMetadata>()?.Operation;
        var refusal = operation is null ? ApiKeyRequestErrors.OperationNotAllowed()
            : ApiKeyRequestCheck.CheckAccess(request.Key, operation, http.ClientIp(), signed.Now)
              ?? (endpoint!.Metadata.GetMetadata<AllowApiKey>() is null ? ApiKeyRequestErrors.OperationNotAllowed() : null);
        if (refusal is not null)
        {
            await signed.CountDenialAsync(http, request, refusal.Code);
            return Problems.From(refusal);
        }

        http.Features.Set(request);
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
