using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Portcullis.Server.Api.Notifications;

/// <summary>
/// The small self-contained HTML pages of the "this wasn't me" link: no script, no external resource, one inline
/// style block allowed by its hash in the page's own Content-Security-Policy. Every dynamic value is escaped.
/// </summary>
internal static class FreezeLinkPages
{
    private const string Style =
        "body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1b1f24;max-width:560px;margin:40px auto;padding:0 16px;line-height:1.5}" +
        "h1{font-size:22px}button{font:inherit;font-weight:600;padding:10px 18px;background:#b42318;color:#fff;border:0;border-radius:4px;cursor:pointer}" +
        ".note{font-size:14px;color:#57606a}";

    /// <summary>The page's CSP: nothing but the inline style above, and the form posting back to this address.</summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>GET on a usable link: explains, changes nothing, offers the button (mail scanners open links).</summary>
    public static string Confirm() => Page("Freeze your account?",
        """
        <p>You opened the &ldquo;this wasn't me&rdquo; link from a Portcullis security email. Use it if you did not do what the email described.</p>
        <p>Freezing your account:</p>
        <ul>
        <li>signs your account out on every browser, device and client, at once;</li>
        <li>asks for withdrawals and trading to be frozen until you lift the freeze.</li>
        </ul>
        <form method="post"><button type="submit">Freeze my account</button></form>
        <p class="note">This page never asks for your password or a code. The link works once.</p>
        """);

    /// <summary>After a successful POST.</summary>
    public static string Done(int sessionsRevoked) => Page("Your account was signed out everywhere",
        $"""
        <p>{E(string.Create(CultureInfo.InvariantCulture, $"{sessionsRevoked} active session(s) ended."))} Anyone who was signed in to your account, including you, has to sign in again.</p>
        <p>Trading, withdrawals and API use are frozen. Lifting the freeze takes effect only after a cool-down, and you will be notified on every channel.</p>
        <p>What to do now: sign in, change your password, and review your devices and second factors. Remove anything you do not recognise.</p>
        """);

    /// <summary>Unknown, expired or used: one page for all.</summary>
    public static string Invalid() => Page("This link cannot be used",
        """
        <p>The link has expired or has been used already.</p>
        <p>If you think someone else has access to your account, sign in, sign out everywhere, change your password and review your devices and second factors.</p>
        """);

    private static string Page(string title, string body) =>
        $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer"><meta name="robots" content="noindex, nofollow">
        <title>{E(title)} – Portcullis</title><style>{Style}</style></head>
        <body>
        <h1>{E(title)}</h1>
        {body}
        </body></html>

        """;

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
