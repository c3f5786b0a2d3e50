namespace Portcullis.Server.Http;

/// <summary>
/// Security headers on every response (OWASP ASVS 5.0 V3.4): no sniffing, no framing, no referrer, a strict
/// CSP for API responses (the portal's pages get their own, <see cref="Portal.PortalPage.ContentSecurityPolicy"/>), isolation from other origins, HSTS over HTTPS, and no caching of API answers.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            if (!headers.ContainsKey("Content-Security-Policy"))
            {
                headers.ContentSecurityPolicy = http.GetEndpoint()?.Metadata.GetMetadata<Portal.PortalPage>() is null
                    ? "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
                    : Portal.PortalPage.ContentSecurityPolicy;
            }

            if (http.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            }

            if (http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
