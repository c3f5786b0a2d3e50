using System.Globalization;
using Portcullis.Core.Policy;
using Portcullis.Server.Http;

namespace Portcullis.Server.Policy;

/// <summary>
/// Policy decisions as HTTP answers: a refusal is a 403 problem with code <c>policy.&lt;reason&gt;</c>; a step-up is a
/// 401 with an RFC 9470 challenge (<c>WWW-Authenticate: Bearer error="insufficient_user_authentication",
/// acr_values="…", max_age=N</c>) and a problem body that says the same.
/// </summary>
public static class PolicyResults
{
    public const string StepUpRequiredCode = "policy.step_up_required";

    /// <summary>The problem code of a refusal: <c>policy.</c> and the reason, e.g. <c>policy.cooldown_active</c>.</summary>
    public static string CodeOf(string reason) => "policy." + reason;

    public static IResult Refused(Decision decision) => new PolicyProblem(decision);

    public static IResult StepUp(Decision decision) => new PolicyProblem(decision);

    /// <summary>What the person should do next, for each reason code (a rule's own codes get a generic line).</summary>
    public static string Detail(Decision decision) => decision.Reason switch
    {
        PolicyReasons.Frozen => "This is frozen on your account. Lifting a freeze takes a security-key confirmation and a waiting period.",
        PolicyReasons.SettingsLocked => "Your settings lock is on: security changes are refused until you lift it and its delay has passed.",
        PolicyReasons.CooldownActive => "A recent security change (password, factor, new device or recovery) locks withdrawals and new destinations for a while. Nobody can lift this; try again later.",
        PolicyReasons.NetworkNotTrusted => "This needs a trusted network: connect from one of your account's trusted networks.",
        PolicyReasons.DeviceNotTrusted => "This needs a trusted device: use a device on which you signed in with a second factor.",
        PolicyReasons.RememberedSession => "This needs a full sign-in, not a remembered one: sign out and sign in again.",
        PolicyReasons.SessionTooOld => "This session is too old for this operation: sign in again.",
        PolicyReasons.InitiatorNotAllowed => "This operation needs a person: it cannot be started by an API key or workstation.",
        PolicyReasons.ApprovalUnavailable => "This operation needs an approval that cannot be requested here.",
        PolicyReasons.DefaultDeny => "No policy rule allows this operation.",
        PolicyReasons.IdleTimeout => "You have been idle: confirm it is you with one of the listed factors (POST /api/v1/session/step-up), then try again.",
        PolicyReasons.ProofTooOld or PolicyReasons.StepUpRequired =>
            $"Confirm it is you with {Words(decision.StepUp)} (POST /api/v1/session/step-up), then try again{MaxAgeWords(decision.StepUp)}.",
        _ => $"The account's policy refuses this ({decision.Reason}).",
    };

    /// <summary>The RFC 9470 §3 challenge for a step-up decision.</summary>
    public static string Challenge(StepUpRequirement stepUp)
    {
        var challenge = $"Bearer error=\"insufficient_user_authentication\", error_description=\"A stronger or fresher authentication is required\", acr_values=\"{stepUp.AcrValues}\"";
        return stepUp.MaxAge is { } age
            ? challenge + ", max_age=" + ((long)age.TotalSeconds).ToString(CultureInfo.InvariantCulture)
            : challenge;
    }

    private static string Words(StepUpRequirement? stepUp) =>
        stepUp is null ? "a second factor" : string.Join(" or ", stepUp.Classes.Select(c => c switch
        {
            ProofClass.PhishingResistant => "a security key or passkey",
            ProofClass.Possession => "an authenticator app or device",
            ProofClass.Restricted => "an SMS code",
            ProofClass.LookupSecret => "a recovery code",
            _ => "your password",
        }));

    private static string MaxAgeWords(StepUpRequirement? stepUp) =>
        stepUp?.MaxAge is { } age ? $" within {Durations.Format(age)}" : "";

    private sealed class PolicyProblem(Decision decision) : IProblemResult
    {
        public string Code => decision.Kind == DecisionKind.StepUp ? StepUpRequiredCode : CodeOf(decision.Reason);

        public Task ExecuteAsync(HttpContext httpContext)
        {
            var stepUp = decision.Kind == DecisionKind.StepUp;
            var problem = Problems.Build(httpContext, Code, Detail(decision), null, null);
            problem.Extensions["decision"] = PolicyGate.Kind(decision.Kind);
            problem.Extensions["reason"] = decision.Reason;
            problem.Extensions["rule"] = decision.Rule;
            problem.Extensions["tier"] = decision.Tier;
            if (stepUp && decision.StepUp is { } requirement)
            {
                problem.Extensions["acr_values"] = requirement.AcrValues;
                problem.Extensions["max_age"] = requirement.MaxAge is { } age ? (long)age.TotalSeconds : null;
                httpContext.Response.Headers.WWWAuthenticate = Challenge(requirement);
            }

            httpContext.Response.StatusCode = problem.Status!.Value;
            return httpContext.Response.WriteAsJsonAsync(problem, JsonDefaults.Options, Problems.ContentType, httpContext.RequestAborted);
        }
    }
}
