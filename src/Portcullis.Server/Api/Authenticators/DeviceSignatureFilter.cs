using System.Buffers.Text;
using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Portcullis.Core.Factors.Push;
using Portcullis.Core.Results;
using Portcullis.Server.Auth;
using Portcullis.Server.Http;

namespace Portcullis.Server.Api.Authenticators;

/// <summary>
/// Authenticates requests from authenticator devices:
/// <c>Authorization: PortcullisDevice device="&lt;id&gt;", ts="&lt;unix seconds&gt;", sig="&lt;base64url&gt;"</c>, an
/// Ed25519 signature over method, path and query, timestamp and body hash (<see cref="PushProtocol.DeviceRequestMessage"/>).
/// The body is read here, once, so what the handler parses is exactly what was signed.
/// </summary>
internal sealed class DeviceSignatureFilter(AuthenticatorService authenticators) : IEndpointFilter
{
    /// <summary>Largest body a device sends (an answer is a few hundred bytes).</summary>
    private const int MaxBodyBytes = 16 * 1024;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var credentials = Parse(http.Request.Headers.Authorization.ToString());
        if (credentials is null)
        {
            return Refuse(http, AuthenticatorErrors.Unauthorized());
        }

        var body = await ReadBodyAsync(http.Request, http.RequestAborted);
        if (body is null)
        {
            return Problems.Of(ProblemCatalog.RequestTooLarge, "The request body is larger than an authenticator sends.");
        }

        var (deviceId, timestamp, signature) = credentials.Value;
        var request = new DeviceRequest(deviceId, timestamp, signature, http.Request.Method, Target(http), PushProtocol.BodyHash(body));
        var device = await authenticators.AuthenticateAsync(request, http.ClientIp()?.ToString(), http.RequestAborted);
        if (!device.IsSuccess)
        {
            return Refuse(http, device.Error);
        }

        http.Features.Set(new DeviceRequestFeature(device.Value, body));
        return await next(context);
    }

    /// <summary>Parses <c>PortcullisDevice device="…", ts="…", sig="…"</c>; <c>null</c> unless all three are well formed.</summary>
    internal static (Guid Device, long Timestamp, string Signature)? Parse(string header)
    {
        var scheme = PushProtocol.AuthorizationScheme + " ";
        if (header.Length > 512 || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in header[scheme.Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return null;
            }

            values[part[..equals].Trim()] = part[(equals + 1)..].Trim().Trim('"');
        }

        return values.TryGetValue("device", out var device) && Guid.TryParseExact(device, "D", out var id) &&
            values.TryGetValue("ts", out var ts) && long.TryParse(ts, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp) &&
            values.TryGetValue("sig", out var sig) && sig.Length is > 0 and <= 128 && Base64Url.IsValid(sig)
                ? (id, timestamp, sig)
                : null;
    }

    /// <summary>The path and query as the client sent them.</summary>
    private static string Target(HttpContext http) =>
        http.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw
            : http.Request.PathBase.Add(http.Request.Path).ToUriComponent() + http.Request.QueryString.ToUriComponent();

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }

    private static IResult Refuse(HttpContext http, Error error)
    {
        if (error.Code != AuthenticatorErrors.RevokedCode)
        {
            http.Response.Headers.WWWAuthenticate = PushProtocol.AuthorizationScheme;
        }

        return Problems.From(error);
    }
}
