using QRCoder;

namespace Portcullis.Server.Http;

/// <summary>QR codes for enrolment URIs (TOTP, authenticator devices): an SVG and a PNG data URL.</summary>
public static class QrCodes
{
    public static (string Svg, string PngDataUrl) Render(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        using var svg = new SvgQRCode(data);
        using var png = new PngByteQRCode(data);
        return (svg.GetGraphic(4), "data:image/png;base64," + Convert.ToBase64String(png.GetGraphic(6)));
    }
}
