using Portcullis.Core.Policy;
using Portcullis.Core.Sessions;
using Portcullis.Server.Policy;

namespace Portcullis.Server.Portal.Pages.Security;

/// <summary>
/// What the factors and devices pages say when the policy does not allow a change: a step-up is explained in words (which
/// factor, how recent) with a link to confirm it on <c>/security/confirm</c> (<see cref="PortalPageModel.OfferConfirm"/>).
/// </summary>
internal static class SecurityChanges
{
    /// <summary>Said when a session opened with a recovery code tries anything but enrolling a new factor (as the API's session filter refuses it).</summary>
    public const string EnrollmentFirst =
        "You signed in with a recovery code, so this session may only add a new sign-in factor. Add a security key or an " +
        "authenticator app on the sign-in factors page first; after that everything else works again.";

    /// <summary>Asks the policy for <paramref name="request"/>; <c>null</c> when allowed, else what to do, in words.</summary>
    public static async Task<string?> RefusedAsync(PortalPageModel page, SessionContext current, OperationRequest request)
    {
        var http = page.HttpContext;
        var (decision, _) = await http.RequestServices.GetRequiredService<PolicyGate>().DecideAsync(current, request, http.RequestAborted);
        page.OfferConfirm(decision, request.Operation);
        return decision.Kind switch
        {
            DecisionKind.Allow => null,
            DecisionKind.StepUp => StepUpWords(decision.StepUp),
            DecisionKind.Hold => "This change needs another person's approval, which this page cannot request. Nothing was changed.",
            _ => "Nothing was changed. " + PolicyResults.Detail(decision),
        };
    }

    private static string StepUpWords(StepUpRequirement? stepUp) =>
        $"Nothing was changed: this needs a fresh proof that it is you, with {StepUpFlow.FactorWords(stepUp)}{StepUpFlow.RecencyWords(stepUp)}. " +
        "Confirm it's you with the link below, then make the change straight away.";
}
