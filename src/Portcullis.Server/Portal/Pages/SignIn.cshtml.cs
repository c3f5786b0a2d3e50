using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portcullis.Core.Factors;
using Portcullis.Core.Factors.Push;
using Portcullis.Core.Factors.RecoveryCodes;
using Portcullis.Core.Factors.Sms;
using Portcullis.Core.Factors.Totp;
using Portcullis.Core.Factors.WebAuthn;
using Portcullis.Core.Results;
using Portcullis.Core.Sessions;
using Portcullis.Core.SignIn;
using Portcullis.Server.Auth;

namespace Portcullis.Server.Portal.Pages;

/// <summary>
/// Sign-in in two steps, through the same use cases as <c>POST /api/v1/sign-in</c> and its factor steps: the password,
/// then (when the account has second factors) a security key, an authenticator-app code, a push approval on the
/// authenticator (<c>/sign-in/push</c> then <c>/sign-in/push/complete</c>), an SMS code where SMS is enabled
/// (<c>/sign-in/sms</c> then <c>/sign-in/sms/verify</c>) or a recovery code (<c>/sign-in/recovery-code</c>). The flow
/// handle travels in a hidden field, as an API client holds it. Unknown users and wrong passwords get the same message.
/// </summary>
public sealed class SignInModel(SignInService signIn, SignInFlowService flows, WebAuthnService webauthn, TotpService totp, PushService push,
    SmsService sms, RecoveryCodeService recovery) : PortalPageModel
{
    /// <summary>The longest a push poll waits for the answer (the API allows 25 s); the script asks for this, a button for none.</summary>
    public const int MaxPushWaitSeconds = 20;

    /// <summary>The response header that tells <c>push.js</c> the push is still waiting (poll again).</summary>
    public const string PushPendingHeader = "X-Portcullis-Push";

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

    /// <summary>How long (seconds) the push completion may wait for the answer: 0 from the button, more from <c>push.js</c>.</summary>
    [BindProperty]
    public int? Wait { get; set; }

    /// <summary>The number the person picks on the authenticator (not a secret: it is on the screen); carried while the push waits.</summary>
    [BindProperty]
    public int? PushNumber { get; set; }

    /// <summary>The authenticator the push went to, by its name.</summary>
    [BindProperty]
    public string? PushDevice { get; set; }

    /// <summary>What went wrong and what to do next, in plain words; <c>null</c> when nothing did.</summary>
    public string? Error { get; private set; }

    /// <summary>Shown above the form after a session ended.</summary>
    public string? Notice { get; private set; }

    /// <summary>The second-factor step is shown (else the password step).</summary>
    public bool SecondStep { get; private set; }

    public bool HasSecurityKey { get; private set; }

    public bool HasTotp { get; private set; }

    public bool HasPush { get; private set; }

    /// <summary>The account has a phone for SMS codes and SMS is enabled on this gate.</summary>
    public bool HasSms { get; private set; }

    public bool HasRecoveryCodes { get; private set; }

    /// <summary>A push was sent and waits for its answer: the page shows the number and waits (only that step is shown).</summary>
    public bool PushWaiting { get; private set; }

    /// <summary>An SMS code was sent: the page shows the field for it (only that step is shown).</summary>
    public bool SmsSent { get; private set; }

    /// <summary>The phone the SMS code went to, by its name.</summary>
    public string? SmsPhone { get; private set; }

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

    /// <summary>Sends a number-matched push to the user's authenticator, as <c>POST /api/v1/sign-in/push</c>.</summary>
    public async Task<IActionResult> OnPostPushAsync()
    {
        var sent = await push.SendAsync(Flow, null, HttpContext.RequestAborted);
        if (!sent.IsSuccess)
        {
            return await FactorFailedAsync(Describe(sent.Error));
        }

        return PushWaitingPage(sent.Value.Challenge.Number, sent.Value.DeviceName, null);
    }

    /// <summary>
    /// Finishes the sign-in once the push was approved, as <c>POST /api/v1/sign-in/push/complete</c>: the button asks once,
    /// <c>push.js</c> waits up to <see cref="MaxPushWaitSeconds"/>. While unanswered the waiting step is shown again.
    /// </summary>
    public async Task<IActionResult> OnPostPushCompleteAsync()
    {
        var wait = TimeSpan.FromSeconds(Math.Clamp(Wait ?? 0, 0, MaxPushWaitSeconds));
        var result = await push.CompleteAsync(Flow, wait, HttpContext.RequestAborted);
        if (!result.IsSuccess && result.Error.Code == PushErrors.PendingCode && PushNumber is { } number)
        {
            Response.Headers[PushPendingHeader] = "pending";
            return PushWaitingPage(number, PushDevice, wait == TimeSpan.Zero
                ? "Your authenticator has not answered yet. Pick the number below on it, then press \"I approved it\" again."
                : null);
        }

        return await FinishAsync(result);
    }

    /// <summary>Sends an SMS code to the user's phone, as <c>POST /api/v1/sign-in/sms</c>.</summary>
    public async Task<IActionResult> OnPostSmsAsync()
    {
        var sent = await sms.SendFlowCodeAsync(Flow, null, HttpContext.RequestAborted);
        if (!sent.IsSuccess)
        {
            return await FactorFailedAsync(Describe(sent.Error));
        }

        SecondStep = true;
        SmsSent = true;
        SmsPhone = sent.Value.Factor.Name;
        Code = null;
        return Page();
    }

    /// <summary>Checks the SMS code, as <c>POST /api/v1/sign-in/sms/verify</c>; a wrong code shows the code field again.</summary>
    public async Task<IActionResult> OnPostSmsVerifyAsync()
    {
        if (string.IsNullOrWhiteSpace(Code))
        {
            return SmsCodeAgain("Enter the code from the text message.");
        }

        var code = Code.Trim();
        var result = await flows.ProveAsync(Flow, FactorKind.Sms, (context, ct) => sms.VerifyAsync(context, code, ct), HttpContext.RequestAborted);
        if (!result.IsSuccess && result.Error.Code == FactorErrors.InvalidCode)
        {
            return SmsCodeAgain(Describe(result.Error));
        }

        return await FinishAsync(result);
    }

    /// <summary>Finishes with a recovery code, as <c>POST /api/v1/sign-in/recovery-code</c>; the session must then enrol a new factor.</summary>
    public async Task<IActionResult> OnPostRecoveryCodeAsync()
    {
        if (string.IsNullOrWhiteSpace(Code))
        {
            return await FactorFailedAsync("Enter one of your recovery codes, as it is printed.");
        }

        var code = Code;
        Code = null;
        return await FinishAsync(await recovery.SignInAsync(Flow, code, HttpContext.RequestAborted));
    }

    /// <summary>Back from a push or SMS step to the list of factors.</summary>
    public Task<IActionResult> OnPostChooseAsync() => FactorFailedAsync(null);

    private PageResult PushWaitingPage(int number, string? device, string? error)
    {
        SecondStep = true;
        PushWaiting = true;
        PushNumber = number;
        PushDevice = device;
        Error = error;
        return Page();
    }

    private PageResult SmsCodeAgain(string error)
    {
        SecondStep = true;
        SmsSent = true;
        Code = null;
        Error = error;
        return Page();
    }

    private async Task<IActionResult> ProveAsync(FactorKind kind, Func<FlowContext, CancellationToken, Task<Result<FactorProof>>> verify)
    {
        return await FinishAsync(await flows.ProveAsync(Flow, kind, verify, HttpContext.RequestAborted));
    }

    /// <summary>Signs in after a proving step, or shows the factors again with what went wrong.</summary>
    private async Task<IActionResult> FinishAsync(Result<FlowCompletion> result)
    {
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
    private async Task<IActionResult> FactorFailedAsync(string? error)
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
        HasPush = factors.Any(f => f.Kind == FactorKind.Push);
        HasSms = factors.Any(f => f.Kind == FactorKind.Sms);
        HasRecoveryCodes = factors.Any(f => f.Kind == FactorKind.RecoveryCodes);
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
        FactorErrors.ChallengePendingCode => "Your authenticator already has several unanswered requests. Answer or deny them on it, then try again.",
        PushErrors.DeniedCode => "The request was denied on your authenticator, so this sign-in has stopped. " +
            "If it was not you who tried to sign in, change your password. Otherwise enter your username and password again.",
        PushErrors.ExpiredCode => "The approval request expired before it was approved. Choose a factor below to try again.",
        PushErrors.FailedCode => "A different number was picked on your authenticator. Send a new request and pick the number this page shows.",
        SmsErrors.SendLimitCode => $"Too many text messages were sent. Wait {Seconds(error)}, or use another factor below.",
        SmsErrors.DeliveryFailedCode => "The text message could not be sent. Use another factor below, or try again in a few minutes.",
        _ => error.Message,
    };

    private static string Seconds(Core.Results.Error error) =>
        error.RetryAfter is { } wait
            ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} seconds")
            : "a moment";
}
