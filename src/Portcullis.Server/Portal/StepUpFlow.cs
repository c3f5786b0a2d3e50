using Portcullis.Core.Factors;
using Portcullis.Core.Factors.Totp;
using Portcullis.Core.Factors.WebAuthn;
using Portcullis.Core.Policy;
using Portcullis.Core.Results;
using Portcullis.Core.Sessions;
using Portcullis.Core.SignIn;
using Portcullis.Server.Auth;
using Portcullis.Server.Policy;

namespace Portcullis.Server.Portal;

/// <summary>
/// The portal's step-up, shared by the trade page (in place) and <c>/security/confirm</c>: the same flow as
/// <c>POST /api/v1/session/step-up</c> and its factor steps (<see cref="SignInFlowService.StartStepUpAsync"/>, then
/// <see cref="SignInFlowService.ProveAsync"/> with a security key's assertion or an authenticator-app code), the policy's
/// requirement and the flow's errors in words, and the session cookie replaced with the stepped-up session's new token.
/// </summary>
public sealed class StepUpFlow(SignInFlowService flows, WebAuthnService webauthn, TotpService totp, PolicyGate policy)
{
    /// <summary>The page that asks for the proof by itself.</summary>
    public const string ConfirmPath = "/security/confirm";

    /// <summary>
    /// Starts a step-up flow for <paramref name="current"/> after the policy allowed <c>session.step_up</c> (as the API):
    /// the flow's handle and the session's usable factors, or what stands in the way, in words.
    /// </summary>
    public async Task<StepUpStart> StartAsync(HttpContext http, SessionContext current, OperationRequest stepUpRequest)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (decision, _) = await policy.DecideAsync(current, stepUpRequest, http.RequestAborted);
        if (decision.Kind != DecisionKind.Allow)
        {
            return new StepUpStart(null, [], PolicyResults.Detail(decision));
        }

        var started = await flows.StartStepUpAsync(current, http.ClientIp()?.ToString(), http.RequestAborted);
        return started.IsSuccess
            ? new StepUpStart(started.Value.Handle, started.Value.Factors, null)
            : new StepUpStart(null, [], "Your account has no second factor that can confirm it: add a security key or an authenticator app under Security, then try again.");
    }

    /// <summary>
    /// What to offer for the flow <paramref name="flow"/>: the factors the requirement accepts (all when none is given) that a
    /// page can take, with the security key's assertion options; neither when none fits.
    /// </summary>
    public async Task<StepUpPrompt> PromptAsync(string? flow, IReadOnlyList<Factor> factors, StepUpRequirement? requirement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factors);
        bool Accepted(FactorKind kind) => requirement is null || requirement.Classes.Contains(ProofClasses.From(FactorCatalog.ClassOf(kind)));
        var hasKey = factors.Any(f => f.Kind == FactorKind.WebAuthn) && Accepted(FactorKind.WebAuthn);
        var hasTotp = factors.Any(f => f.Kind == FactorKind.Totp) && Accepted(FactorKind.Totp);
        string? options = null;
        if (hasKey)
        {
            var prepared = await flows.PrepareAsync(flow, webauthn.BeginAssertionAsync, cancellationToken);
            if (prepared.IsSuccess)
            {
                options = prepared.Value.OptionsJson;
            }
            else
            {
                hasKey = false;
            }
        }

        return new StepUpPrompt(hasKey, hasTotp, options);
    }

    /// <summary>Said when <see cref="PromptAsync"/> finds nothing the page can offer.</summary>
    public const string NothingToOffer =
        "None of your factors that it accepts can be used on this page: add a security key under Security, or confirm through the API.";

    /// <summary>The flow's usable factors again (after a failed attempt), or why the flow is over, in words.</summary>
    public async Task<(IReadOnlyList<Factor>? Factors, string? Error)> FactorsAsync(string? flow, CancellationToken cancellationToken)
    {
        var factors = await flows.PrepareAsync(flow, async (context, ct) =>
            Result<IReadOnlyList<Factor>>.Success(flows.Usable(await context.Unit.Factors.ListForUserAsync(context.User.Id, ct))),
            cancellationToken);
        return factors.IsSuccess ? (factors.Value, null) : (null, ErrorWords(factors.Error));
    }

    /// <summary>Finishes the flow with an authenticator-app code, as <c>POST /api/v1/sign-in/totp</c>.</summary>
    public Task<StepUpProof> ProveTotpAsync(HttpContext http, string? flow, string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return Task.FromResult(StepUpProof.Failed("Enter the 6-digit code from your authenticator app."));
        }

        var trimmed = code.Trim();
        return ProveAsync(http, flow, FactorKind.Totp, (context, ct) => totp.VerifyAsync(context, trimmed, ct));
    }

    /// <summary>Finishes the flow with a security key's assertion, as <c>POST /api/v1/sign-in/webauthn</c>.</summary>
    public Task<StepUpProof> ProveKeyAsync(HttpContext http, string? flow, string? credential)
    {
        if (string.IsNullOrEmpty(credential))
        {
            return Task.FromResult(StepUpProof.Failed(
                "Your browser did not return an answer from the security key. Press \"Use security key\" and touch the key."));
        }

        return ProveAsync(http, flow, FactorKind.WebAuthn, (context, ct) => webauthn.VerifyAssertionAsync(context, credential, ct));
    }

    private async Task<StepUpProof> ProveAsync(HttpContext http, string? flow, FactorKind kind,
        Func<FlowContext, CancellationToken, Task<Result<FactorProof>>> verify)
    {
        ArgumentNullException.ThrowIfNull(http);
        var current = http.CurrentSession();
        var result = await flows.ProveAsync(flow, kind, verify, http.RequestAborted);
        if (!result.IsSuccess)
        {
            return StepUpProof.Failed(ErrorWords(result.Error));
        }

        var completed = result.Value;
        if (completed.Purpose != SignInFlowPurpose.StepUp || completed.Session.Id != current.Session.Id)
        {
            return new StepUpProof(StepUpOutcome.OtherSignIn, "That confirmation belongs to another sign-in.");
        }

        // The stepped-up session has a new token: the browser gets it as the API's step-up gives it (same cookie).
        SessionCookies.SetSession(http.Response, completed.SessionToken);
        return new StepUpProof(StepUpOutcome.Confirmed, null);
    }

    /// <summary>Which proofs the requirement accepts, in words ("a security key or passkey or an authenticator app or device").</summary>
    public static string FactorWords(StepUpRequirement? stepUp) =>
        stepUp is null || stepUp.Classes.Count == 0 ? "a second factor" : string.Join(" or ", stepUp.Classes.Select(c => c switch
        {
            ProofClass.PhishingResistant => "a security key or passkey",
            ProofClass.Possession => "an authenticator app or device",
            ProofClass.Restricted => "an SMS code",
            ProofClass.LookupSecret => "a recovery code",
            _ => "your password",
        }).Distinct());

    /// <summary>How recent the proof must be, in words (", proven within the last 5 minutes"), or nothing.</summary>
    public static string RecencyWords(StepUpRequirement? stepUp) =>
        stepUp?.MaxAge is { } age ? $", proven within the last {Waits.Words(age)}" : "";

    /// <summary>A step-up flow's error in words that say what to do next.</summary>
    public static string ErrorWords(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Code switch
        {
            FactorErrors.InvalidCode => "That confirmation was not accepted. Try again: check that the code is the current one, or use your security key.",
            FactorErrors.ThrottledCode => "Too many failed attempts. Wait a moment and try again.",
            FactorErrors.FlowInvalidCode => "This confirmation has expired or was already used.",
            FactorErrors.FlowFailedCode => "Too many failed attempts in this confirmation.",
            FactorErrors.NotAvailableCode => "That factor is not set up for your account. Use another one.",
            _ => error.Message,
        };
    }

    /// <summary>
    /// A local path to come back to: only a path starting with a single <c>/</c> (not <c>//</c> or <c>/\</c>, which browsers
    /// read as another host) and without control characters; anything else, including an absolute URL, is <c>/security</c>.
    /// </summary>
    public static string LocalReturn(string? path)
    {
        const string fallback = "/security";
        if (string.IsNullOrEmpty(path) || path.Length > 2048 || path[0] != '/')
        {
            return fallback;
        }

        if (path.Length > 1 && path[1] is '/' or '\\')
        {
            return fallback;
        }

        return path.Any(c => char.IsControl(c) || c == '\\') ? fallback : path;
    }

    /// <summary>The confirm page's address that comes back to <paramref name="returnPath"/>, explaining <paramref name="operation"/>.</summary>
    public static string ConfirmLink(string returnPath, string? operation = null) =>
        ConfirmPath + "?return=" + Uri.EscapeDataString(LocalReturn(returnPath)) +
        (operation is null ? "" : "&operation=" + Uri.EscapeDataString(operation));
}

/// <summary>A started step-up: the flow's handle and the usable factors, or <see cref="Error"/> in words.</summary>
public sealed record StepUpStart(string? Flow, IReadOnlyList<Factor> Factors, string? Error);

/// <summary>How a proof ended.</summary>
public enum StepUpOutcome
{
    /// <summary>Proven; the session cookie carries the stepped-up session's new token.</summary>
    Confirmed,

    /// <summary>Not accepted (<see cref="StepUpProof.Error"/> says why); the flow may still be open.</summary>
    Failed,

    /// <summary>The flow was not this session's step-up.</summary>
    OtherSignIn,
}

/// <summary>The outcome of a proof and, unless confirmed, why not in words.</summary>
public sealed record StepUpProof(StepUpOutcome Outcome, string? Error)
{
    public static StepUpProof Failed(string error) => new(StepUpOutcome.Failed, error);
}

/// <summary>The step-up offered on a page: which of the accepted factors it takes, and the security key's assertion options (standard WebAuthn JSON).</summary>
public sealed record StepUpPrompt(bool SecurityKey, bool Totp, string? WebAuthnOptions);

/// <summary>The "Confirm it's you" link next to a step-up explanation: back to <see cref="ReturnPath"/>, explaining <see cref="Operation"/>.</summary>
public sealed record ConfirmLink(string ReturnPath, string? Operation)
{
    public string Href => StepUpFlow.ConfirmLink(ReturnPath, Operation);
}
