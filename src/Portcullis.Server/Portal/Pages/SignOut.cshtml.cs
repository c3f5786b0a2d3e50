using Microsoft.AspNetCore.Mvc;
using Portcullis.Core.Policy;
using Portcullis.Core.Sessions;
using Portcullis.Server.Auth;
using Portcullis.Server.Policy;

namespace Portcullis.Server.Portal.Pages;

/// <summary>
/// Ends this browser's session (the same use case as <c>POST /api/v1/sign-out</c>, after the policy allowed
/// <c>session.revoke</c>) and removes its cookie.
/// </summary>
public sealed class SignOutModel(SessionService sessions, PolicyGate policy) : PortalPageModel
{
    /// <summary>Why the session could not be ended (the policy's own words), or <c>null</c>.</summary>
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn();
        }

        ShowSignedIn(current, "sign-out");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn(ended: true);
        }

        ShowSignedIn(current, "sign-out");
        var (decision, _) = await policy.DecideAsync(current, Describe(current, Operations.SessionRevoke), HttpContext.RequestAborted);
        if (decision.Kind != DecisionKind.Allow)
        {
            Error = PolicyResults.Detail(decision);
            return Page();
        }

        await sessions.RevokeAsync(current, current.Session.Id, HttpContext.ClientIp()?.ToString(), HttpContext.RequestAborted);
        SessionCookies.ClearSession(Response);
        return ToSignIn(ended: true);
    }
}
