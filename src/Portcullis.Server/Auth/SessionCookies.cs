namespace Portcullis.Server.Auth;

/// <summary>
/// The browser cookies: <c>__Host-</c> prefixed (Secure, Path=/, no Domain: bound to this exact origin),
/// HttpOnly (out of reach of script) and SameSite=Strict (not sent on cross-site requests).
/// </summary>
public static class SessionCookies
{
    public const string Session = "__Host-portcullis-session";
    public const string Device = "__Host-portcullis-device";

    public static void SetSession(HttpResponse response, string token) =>
        response.Cookies.Append(Session, token, Options(maxAge: null));

    public static void SetDevice(HttpResponse response, string token) =>
        response.Cookies.Append(Device, token, Options(TimeSpan.FromDays(400)));

    public static void ClearSession(HttpResponse response) => response.Cookies.Delete(Session, Options(null));

    private static CookieOptions Options(TimeSpan? maxAge) => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        IsEssential = true,
        MaxAge = maxAge,
    };
}
