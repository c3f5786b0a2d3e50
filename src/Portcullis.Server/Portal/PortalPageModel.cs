using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portcullis.Core.Policy;
using Portcullis.Core.Sessions;
using Portcullis.Core.Users;
using Portcullis.Server.Auth;
using Portcullis.Server.Policy;

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

    /// <summary>
    /// Fills the layout for a signed-in page: the name in the header, the main navigation entry that is current
    /// (<c>dashboard</c>, <c>trade</c>, <c>money</c>, <c>activity</c>, <c>security</c>, <c>operator</c>; any other value marks
    /// none, as on the sign-out page) and, on security pages, the current entry of the security navigation
    /// (<c>Pages/Security/_SecurityNav.cshtml</c>).
    /// </summary>
    protected void ShowSignedIn(SessionContext current, string nav, string? securityNav = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        ViewData["SignedInAs"] = current.User.DisplayName;
        ViewData["Nav"] = nav;
        ViewData["IsOperator"] = current.User.Role == UserRole.Operator;
        ViewData["SecurityNav"] = securityNav;
    }

    /// <summary>The policy request for <paramref name="operation"/> by this session from this client; add what the operation needs with <c>with</c>.</summary>
    protected OperationRequest Describe(SessionContext current, string operation, Guid? accountId = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        return new OperationRequest
        {
            Operation = operation,
            UserId = current.User.Id,
            AccountId = accountId,
            Initiator = InitiatorKind.Session,
            SourceIp = HttpContext.ClientIp(),
        };
    }

    /// <summary>
    /// Asks the policy for <paramref name="request"/> (audited as the API's endpoints are); <c>null</c> when it is allowed,
    /// otherwise the policy's own advice in words (<see cref="PolicyResults.Detail"/>). Pages that can act on a step-up or
    /// a hold call <see cref="PolicyGate.DecideAsync"/> themselves.
    /// </summary>
    protected async Task<string?> RefusedAsync(SessionContext current, OperationRequest request)
    {
        var (decision, _) = await HttpContext.RequestServices.GetRequiredService<PolicyGate>().DecideAsync(current, request, HttpContext.RequestAborted);
        OfferConfirm(decision, request.Operation);
        return decision.Kind == DecisionKind.Allow ? null : PolicyResults.Detail(decision);
    }

    /// <summary><see cref="RefusedAsync(SessionContext, OperationRequest)"/> for an operation that needs no more than who and where.</summary>
    protected Task<string?> RefusedAsync(SessionContext current, string operation, Guid? accountId = null) =>
        RefusedAsync(current, Describe(current, operation, accountId));

    /// <summary>
    /// As <see cref="RefusedAsync(SessionContext, string, Guid?)"/>, but a refusal says that nothing was changed and what
    /// the user tried to do, <paramref name="what"/> (e.g. "revoke an API key").
    /// </summary>
    protected async Task<string?> RefusedToAsync(SessionContext current, string operation, string what)
    {
        var (decision, _) = await HttpContext.RequestServices.GetRequiredService<PolicyGate>().DecideAsync(current, Describe(current, operation),
            HttpContext.RequestAborted);
        OfferConfirm(decision, operation);
        return decision.Kind == DecisionKind.Allow ? null : Refusal(decision, what);
    }

    /// <summary>
    /// Why the policy did not allow a change, with what to do on this site: a step-up needs a fresh security-key
    /// sign-in (the session records the proof when it signs in).
    /// </summary>
    private static string Refusal(Decision decision, string what)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.Kind switch
        {
            DecisionKind.StepUp => $"Nothing was changed: to {what} you need a fresh proof that it is you. {PolicyResults.Detail(decision)} " +
                                   "Confirm it's you with the link below, then try again.",
            DecisionKind.Hold => $"Nothing was changed: to {what} needs a person's approval, which this page cannot request. Use the API to have it held for approval.",
            _ => $"Nothing was changed. {PolicyResults.Detail(decision)}",
        };
    }

    /// <summary>The "Confirm it's you" link shown next to a refusal that asked for a step-up (portal-stepup), or <c>null</c>.</summary>
    public ConfirmLink? StepUpLink { get; private set; }

    /// <summary>
    /// When <paramref name="decision"/> asks for a step-up, offers <c>/security/confirm</c> for <paramref name="operation"/>,
    /// coming back to this page's address (its path, without a handler). An allowed decision leaves an earlier offer as it is.
    /// </summary>
    internal void OfferConfirm(Decision decision, string operation)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Kind == DecisionKind.StepUp)
        {
            StepUpLink ??= new ConfirmLink(Request.Path.Value ?? "/security", operation); // the first refusal is the one the page explains
        }
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
