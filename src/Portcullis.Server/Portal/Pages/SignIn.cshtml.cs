using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Portcullis.Core.Factors;
using Portcullis.Core.Factors.Totp;
using Portcullis.Core.Factors.WebAuthn;
using Portcullis.Core.Results;
using Portcullis.Core.Sessions;
using Portcullis.Core.SignIn;
using Portcullis.Server.Auth;

namespace Portcullis.Server.Portal.Pages;

/// <summary>
/// Sign-in in two steps, through the same use cases as <c>POST /api/v1/sign-in</c> and its factor steps: the password,
/// then (when the account has second factors) a security key or an authenticator-app code. The flow handle travels in a
/// hidden field, as an API client holds it. Unknown users and wrong passwords get the same message.
/// </summary>
public sealed class SignInModel(SignInService signIn, SignInFlowService flows, WebAuthnService webauthn, TotpService totp) : PortalPageModel
{
    [BindProperty]
    public string? Username { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Flow { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Credential { get; set; }

    /// <summary>What went wrong and what to do next, in plain words; <c>null</c> when nothing did.</summary>
    public string? Error { get; private set; }

    /// <summary>Shown above the form after a session ended.</summary>
    public string? Notice { get; private set; }

    /// <summary>The second-factor step is shown (else the password step).</summary>
    public bool SecondStep { get; private set; }

    public bool HasSecurityKey { get; private set; }

    public bool HasTotp { get; private set; }

    /// <summary>Factors the account has that this page cannot take yet (shown so that the person knows why).</summary>
    public IReadOnlyList<string> OtherFactors { get; private set; } = [];

    /// <summary>The options for <c>navigator.credentials.get()</c>, standard WebAuthn JSON, when the account has a security key.</summary>
    public string? WebAuthnOptions { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool ended = false)
    {
        if (await CurrentSessionAsync() is not null)
        {
            return RedirectToPage("/Index");
        }

        Notice = ended ? "Your session has ended. Sign in again to continue." : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrEmpty(Username) || string.IsNullOrEmpty(Password))
        {
            Error = "Enter both your username and your password.";
            return Page();
        }

        var result = await signIn.SignInAsync(
            new SignInRequest(Username, Password, SessionClient.Browser, Request.Cookies[SessionCookies.Device], null, HttpContext.ClientIp(),
                Request.Headers.UserAgent.ToString()),
            HttpContext.RequestAborted);
        Password = null;
        if (!result.IsSuccess)
        {
            Error = Describe(result.Error);
            return Page();
        }

        if (result.Value.SecondFactor is { } started)
        {
            Flow = started.Handle;
            return await SecondFactorPageAsync(started.Factors);
        }

        var s = result.Value.Session!;
        return SignedIn(s.SessionToken, s.NewDeviceToken);
    }

    public Task<IActionResult> OnPostTotpAsync()
    {
        if (string.IsNullOrWhiteSpace(Code))
        {
            return FactorFailedAsync("Enter the 6-digit code from your authenticator app.");
        }

        var code = Code.Trim();
        return ProveAsync(FactorKind.Totp, (context, ct) => totp.VerifyAsync(context, code, ct));
    }

    public Task<IActionResult> OnPostSecurityKeyAsync()
    {
        if (string.IsNullOrEmpty(Credential))
        {
            return FactorFailedAsync("Your browser did not return an answer from the security key. Press \"Use security key\" and touch the key.");
        }

        var credential = Credential;
        return ProveAsync(FactorKind.WebAuthn, (context, ct) => webauthn.VerifyAssertionAsync(context, credential, ct));
    }

    private async Task<IActionResult> ProveAsync(FactorKind kind, Func<FlowContext, CancellationToken, Task<Result<FactorProof>>> verify)
    {
        var result = await flows.ProveAsync(Flow, kind, verify, HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            return await FactorFailedAsync(Describe(result.Error));
        }

        var c = result.Value;
        if (c.Purpose != SignInFlowPurpose.SignIn)
        {
            // A step-up flow belongs to an existing session; it is finished where it was started.
            Error = "This page finishes sign-ins only. Start again with your password.";
            return Page();
        }

        return SignedIn(c.SessionToken, c.NewDeviceToken);
    }

    private RedirectToPageResult SignedIn(string sessionToken, string? newDeviceToken)
    {
        SessionCookies.SetSession(Response, sessionToken);
        if (newDeviceToken is not null)
        {
            SessionCookies.SetDevice(Response, newDeviceToken);
        }

        return RedirectToPage("/Index");
    }

    /// <summary>Shows the second-factor step again with <paramref name="error"/>, or the password step when the flow is over.</summary>
    private async Task<IActionResult> FactorFailedAsync(string error)
    {
        Error = error;
        var factors = await flows.PrepareAsync(Flow, async (context, ct) =>
            Result<IReadOnlyList<Factor>>.Success(flows.Usable(await context.Unit.Factors.ListForUserAsync(context.User.Id, ct))),
            HttpContext.RequestAborted);
        if (!factors.IsSuccess)
        {
            Error = Describe(factors.Error); // the flow is over: that is what the person needs to know
            Flow = null;
            return Page();
        }

        return await SecondFactorPageAsync(factors.Value);
    }

    private async Task<IActionResult> SecondFactorPageAsync(IReadOnlyList<Factor> factors)
    {
        SecondStep = true;
        Code = null;
        Credential = null;
        HasTotp = factors.Any(f => f.Kind == FactorKind.Totp);
        HasSecurityKey = factors.Any(f => f.Kind == FactorKind.WebAuthn);
        OtherFactors = factors.Where(f => f.Kind is not (FactorKind.Totp or FactorKind.WebAuthn))
            .Select(f => FactorCatalog.WireName(f.Kind)).Distinct().ToList();
        if (HasSecurityKey)
        {
            var options = await flows.PrepareAsync(Flow, webauthn.BeginAssertionAsync, HttpContext.RequestAborted);
            if (options.IsSuccess)
            {
                WebAuthnOptions = options.Value.OptionsJson;
            }
            else
            {
                Error ??= Describe(options.Error);
            }
        }

        return Page();
    }

    /// <summary>Plain words and the next step for each refusal; the same words for an unknown user and a wrong password.</summary>
    private static string Describe(Core.Results.Error error) => error.Code switch
    {
        SignInErrors.FailedCode => "The username or password is not right. Check both and try again. " +
            "After several failed attempts you will have to wait a little before the next one.",
        SignInErrors.ThrottledCode or FactorErrors.ThrottledCode =>
            $"Too many failed attempts. Wait {Seconds(error)} and try again.",
        SignInErrors.BusyCode => "The service is busy right now. Wait a moment and try again.",
        SignInErrors.LockedCode => error.Message,
        FactorErrors.InvalidCode => "That second factor was not accepted. Try again: check that the code is the current one, or use another of your factors.",
        FactorErrors.FlowInvalidCode => "This sign-in has expired or was already used. Enter your username and password again.",
        FactorErrors.FlowFailedCode => "Too many failed attempts in this sign-in. Enter your username and password again.",
        FactorErrors.NotAvailableCode => "This second factor is not set up for your account. Choose another one below.",
        _ => error.Message,
    };

    private static string Seconds(Core.Results.Error error) =>
        error.RetryAfter is { } wait
            ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} seconds")
            : "a moment";
}
