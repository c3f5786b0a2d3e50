using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portcullis.Core.Sessions;
using Portcullis.Server.Auth;

namespace Portcullis.Server.Portal;

/// <summary>
/// A portal page: its session is the API's browser session (the <c>__Host-</c> session cookie, see
/// <see cref="SessionCookies"/>), authenticated by the same <see cref="SessionService"/>; pages are never cached.
/// </summary>
public abstract class PortalPageModel : PageModel
{
    /// <summary>The signed-in session, or <c>null</c> (an expired or revoked cookie is removed).</summary>
    protected async Task<SessionContext?> CurrentSessionAsync()
    {
        if (!Request.Cookies.TryGetValue(SessionCookies.Session, out var token))
        {
            return null;
        }

        var current = await HttpContext.RequestServices.GetRequiredService<SessionService>().AuthenticateAsync(token, HttpContext.RequestAborted);
        if (current is null)
        {
            SessionCookies.ClearSession(Response);
        }

        return current;
    }

    /// <summary>To the sign-in page, saying why when a session has ended.</summary>
    protected RedirectToPageResult ToSignIn(bool ended = false) => RedirectToPage("/SignIn", ended ? new { ended = true } : null);

    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context)
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers.Pragma = "no-cache";
        base.OnPageHandlerExecuting(context);
    }
}
