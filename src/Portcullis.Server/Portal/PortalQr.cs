using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using QRCoder;

namespace Portcullis.Server.Portal;

/// <summary>
/// A QR code as inline <c>&lt;svg&gt;</c> markup for a portal page: one path of dark modules on a light square, with a text
/// alternative; no <c>style</c> attribute and no <c>data:</c> URI, so the portal's CSP (<c>style-src 'self'</c>,
/// <c>img-src 'self'</c>) allows it.
/// </summary>
internal static class PortalQr
{
    public static IHtmlContent Svg(string payload, string label)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var size = matrix.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (matrix[y][x])
                {
                    path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
                }
            }
        }

        var svg = string.Create(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-label=\"{HtmlEncoder.Default.Encode(label)}\" " +
            $"shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>");
        return new HtmlString(svg);
    }
}
