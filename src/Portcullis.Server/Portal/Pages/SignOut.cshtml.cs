using Microsoft.AspNetCore.Mvc;
using Portcullis.Core.Sessions;
using Portcullis.Server.Auth;

namespace Portcullis.Server.Portal.Pages;

/// <summary>Ends this browser's session (the same use case as <c>POST /api/v1/sign-out</c>) and removes its cookie.</summary>
public sealed class SignOutModel(SessionService sessions) : PortalPageModel
{
    public async Task<IActionResult> OnGetAsync()
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn();
        }

        ViewData["SignedInAs"] = current.User.DisplayName;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await CurrentSessionAsync() is { } current)
        {
            await sessions.RevokeAsync(current, current.Session.Id, HttpContext.ClientIp()?.ToString(), HttpContext.RequestAborted);
            SessionCookies.ClearSession(Response);
        }

        return ToSignIn(ended: true);
    }
}
