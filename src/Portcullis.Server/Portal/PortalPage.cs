namespace Portcullis.Server.Portal;

/// <summary>
/// Marks the portal's endpoints: their responses get <see cref="ContentSecurityPolicy"/> instead of the API's
/// <c>default-src 'none'</c> (see <c>SecurityHeadersMiddleware</c>).
/// </summary>
public sealed class PortalPage
{
    /// <summary>
    /// Only this origin's scripts, styles, images and connections; no inline script or style, no plugins, no framing, forms
    /// post only here.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
}
