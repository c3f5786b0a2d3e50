using System.Collections.Frozen;
using System.Security.Cryptography;
using Portcullis.Server.Policy;

namespace Portcullis.Server.Portal;

/// <summary>
/// The portal's stylesheet and its few scripts, compiled into the assembly and served from this origin under
/// <c>/assets/</c> (no CDN, no static-file folder to deploy). Only the files listed here exist.
/// </summary>
internal static class PortalAssets
{
    public const string PathPrefix = "/assets/";

    private static readonly FrozenDictionary<string, Asset> Assets = new Dictionary<string, Asset>(StringComparer.Ordinal)
    {
        ["portal.css"] = Load("portal.css", "text/css; charset=utf-8"),
        ["webauthn.js"] = Load("webauthn.js", "text/javascript; charset=utf-8"),
        ["countdown.js"] = Load("countdown.js", "text/javascript; charset=utf-8"),
        ["keyfile.js"] = Load("keyfile.js", "text/javascript; charset=utf-8"),
        ["push.js"] = Load("push.js", "text/javascript; charset=utf-8"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(PathPrefix + "{name}", (string name, HttpContext http) =>
            {
                if (!Assets.TryGetValue(name, out var asset))
                {
                    return Results.NotFound();
                }

                http.Response.Headers.CacheControl = "no-cache";
                http.Response.Headers.ETag = asset.ETag;
                if (http.Request.Headers.IfNoneMatch.ToString() == asset.ETag)
                {
                    return Results.StatusCode(StatusCodes.Status304NotModified);
                }

                return Results.Bytes(asset.Content, asset.ContentType);
            })
            .WithMetadata(new PortalPage())
            .OutsidePolicy("the portal's stylesheet and script: public files, no account operation")
            .ExcludeFromDescription();

    private static Asset Load(string name, string contentType)
    {
        using var stream = typeof(PortalAssets).Assembly.GetManifestResourceStream("Portcullis.Server.Portal.Assets." + name)
            ?? throw new InvalidOperationException($"The portal asset {name} is not embedded in the assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var content = buffer.ToArray();
        return new Asset(content, contentType, "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..32] + "\"");
    }

    private sealed record Asset(byte[] Content, string ContentType, string ETag);
}
