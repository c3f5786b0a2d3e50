using Microsoft.AspNetCore.Mvc;
using Portcullis.Core.Policy;
using Portcullis.Core.Sessions;
using Portcullis.Server.Auth;

namespace Portcullis.Server.Portal.Pages.Security;

/// <summary>
/// "Confirm it's you": a step-up any page can send the user to (<c>/security/confirm?return=/security/api-keys&amp;operation=apikey.create</c>).
/// It explains what is needed and why (the policy's <see cref="StepUpRequirement"/> for the operation, when one is named),
/// starts the same flow as <c>POST /api/v1/session/step-up</c> through <see cref="StepUpFlow"/>, proves it with a security
/// key or an authenticator-app code, replaces the session cookie with the stepped-up session's token and goes back to the
/// return path, which is only ever a local path (<see cref="StepUpFlow.LocalReturn"/>).
/// </summary>
public sealed class ConfirmModel(StepUpFlow stepUps, PolicyGate policy) : PortalPageModel
{
    /// <summary>The flow's handle (a hidden field, as an API client holds it).</summary>
    [BindProperty] public string? Flow { get; set; }

    /// <summary>Where to go back to once confirmed (sanitised on every use).</summary>
    [BindProperty(Name = "return", SupportsGet = true)] public string? Return { get; set; }

    /// <summary>The operation the user is confirming for (a name from the operations catalogue), or <c>null</c>.</summary>
    [BindProperty(SupportsGet = true)] public string? Operation { get; set; }

    [BindProperty] public string? Code { get; set; }

    [BindProperty] public string? Credential { get; set; }

    /// <summary>The local path the page goes back to.</summary>
    public string ReturnPath => StepUpFlow.LocalReturn(Return);

    /// <summary>What is needed and why, in words.</summary>
    public string? Explanation { get; private set; }

    public StepUpPrompt? StepUp { get; private set; }

    public string? Error { get; private set; }

    /// <summary>The flow is over (expired, used or failed too often): the page offers to start again.</summary>
    public bool Over { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await EnterAsync() is { } away)
        {
            return away;
        }

        var current = HttpContext.CurrentSession();
        var requirement = await ExplainAsync(current);
        var started = await stepUps.StartAsync(HttpContext, current, Describe(current, Operations.SessionStepUp));
        if (started.Error is not null)
        {
            Error = started.Error;
            return Page();
        }

        Flow = started.Flow;
        return await OfferAsync(started.Factors, requirement);
    }

    /// <summary>Confirms with an authenticator-app code, as <c>POST /api/v1/sign-in/totp</c>.</summary>
    public async Task<IActionResult> OnPostTotpAsync() =>
        await EnterAsync() ?? await ProvedAsync(await stepUps.ProveTotpAsync(HttpContext, Flow, Code));

    /// <summary>Confirms with a security key's assertion, as <c>POST /api/v1/sign-in/webauthn</c>.</summary>
    public async Task<IActionResult> OnPostKeyAsync() =>
        await EnterAsync() ?? await ProvedAsync(await stepUps.ProveKeyAsync(HttpContext, Flow, Credential));

    private async Task<IActionResult?> EnterAsync()
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn(ended: Request.Method == HttpMethods.Post);
        }

        ShowSignedIn(current, "security");
        if (current.Session.PasswordChangeRequired || current.Session.FactorEnrollmentRequired)
        {
            return RedirectToPage("/Index");
        }

        HttpContext.Features.Set(current);
        if (Operation is not null && Operations.Find(Operation) is null)
        {
            Operation = null; // never echo an unknown name: a crafted link could put words on the page
        }

        return null;
    }

    private async Task<IActionResult> ProvedAsync(StepUpProof proof)
    {
        if (proof.Outcome == StepUpOutcome.Confirmed)
        {
            var back = ReturnPath;
            return LocalRedirect(back + (back.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "confirmed=true");
        }

        var current = HttpContext.CurrentSession();
        var requirement = await ExplainAsync(current);
        var (factors, over) = proof.Outcome == StepUpOutcome.OtherSignIn ? (null, proof.Error) : await stepUps.FactorsAsync(Flow, HttpContext.RequestAborted);
        if (factors is null)
        {
            Error = over + " Press \"Start again\" to ask for a new confirmation.";
            Over = true;
            Flow = null;
            return Page();
        }

        Error = proof.Error;
        return await OfferAsync(factors, requirement);
    }

    private async Task<IActionResult> OfferAsync(IReadOnlyList<Core.Factors.Factor> factors, StepUpRequirement? requirement)
    {
        StepUp = await stepUps.PromptAsync(Flow, factors, requirement, HttpContext.RequestAborted);
        Code = null;
        Credential = null;
        if (!StepUp.SecurityKey && !StepUp.Totp)
        {
            Error = (Error is null ? "" : Error + " ") + StepUpFlow.NothingToOffer;
        }

        return Page();
    }

    /// <summary>Fills <see cref="Explanation"/> from the policy's answer for <see cref="Operation"/>; the requirement, if any.</summary>
    private async Task<StepUpRequirement?> ExplainAsync(SessionContext current)
    {
        if (Operation is null || Operations.Find(Operation) is not { } definition)
        {
            Explanation = "Confirm it is you with one of your second factors. Your session then counts as freshly confirmed for a few minutes, " +
                "so that sensitive changes go through without signing in again.";
            return null;
        }

        var explained = await policy.ExplainAsync(current, Describe(current, definition.Name), HttpContext.RequestAborted);
        var what = definition.Description.Length == 0 ? definition.Name
            : char.ToLowerInvariant(definition.Description[0]) + definition.Description[1..];
        var stepUp = explained.Decision.StepUp;
        Explanation = explained.Decision.Kind == DecisionKind.StepUp
            ? $"To {what}, your account's policy asks for a fresh proof that it is you: confirm with {StepUpFlow.FactorWords(stepUp)}{StepUpFlow.RecencyWords(stepUp)}. " +
              "Then go straight back and do it."
            : $"To {what}, no further confirmation is needed right now. You can still confirm it is you, which keeps sensitive changes open for a few minutes.";
        return stepUp;
    }
}
