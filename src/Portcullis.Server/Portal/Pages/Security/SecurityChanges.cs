using System.Globalization;
using Portcullis.Core.Policy;
using Portcullis.Core.Sessions;
using Portcullis.Server.Policy;

namespace Portcullis.Server.Portal.Pages.Security;

/// <summary>
/// What the factors and devices pages say when the policy does not allow a change: a step-up is explained in words (which
/// factor, how recent), since these pages cannot ask for the proof in place yet.
/// </summary>
internal static class SecurityChanges
{
    /// <summary>Said when a session opened with a recovery code tries anything but enrolling a new factor (as the API's session filter refuses it).</summary>
    public const string EnrollmentFirst =
        "You signed in with a recovery code, so this session may only add a new sign-in factor. Add a security key or an " +
        "authenticator app on the sign-in factors page first; after that everything else works again.";

    /// <summary>Asks the policy for <paramref name="request"/>; <c>null</c> when allowed, else what to do, in words.</summary>
    public static async Task<string?> RefusedAsync(HttpContext http, SessionContext current, OperationRequest request)
    {
        var (decision, _) = await http.RequestServices.GetRequiredService<PolicyGate>().DecideAsync(current, request, http.RequestAborted);
        return decision.Kind switch
        {
            DecisionKind.Allow => null,
            DecisionKind.StepUp => StepUpWords(decision.StepUp),
            DecisionKind.Hold => "This change needs another person's approval, which this page cannot request. Nothing was changed.",
            _ => "Nothing was changed. " + PolicyResults.Detail(decision),
        };
    }

    private static string StepUpWords(StepUpRequirement? stepUp)
    {
        var proofs = stepUp is null || stepUp.Classes.Count == 0 ? "a second factor" : string.Join(" or ", stepUp.Classes.Select(c => c switch
        {
            ProofClass.PhishingResistant => "a security key or passkey",
            ProofClass.Possession => "an authenticator app or device",
            ProofClass.Restricted => "an SMS code",
            ProofClass.LookupSecret => "a recovery code",
            _ => "your password",
        }).Distinct());
        var within = stepUp?.MaxAge is { } age ? " within the last " + Span(age) : "";
        return $"Nothing was changed: this needs a fresh proof that it is you, with {proofs}{within}. " +
            "Sign out, sign in again with that, and make the change straight away.";
    }

    private static string Span(TimeSpan age) => age.TotalMinutes >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalMinutes} minute{(age.TotalMinutes >= 2 ? "s" : "")}")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalSeconds} seconds");
}
