using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Portcullis.Core.Factors;
using Portcullis.Core.Factors.Push;
using Portcullis.Core.Factors.RecoveryCodes;
using Portcullis.Core.Factors.Totp;
using Portcullis.Core.Factors.WebAuthn;
using Portcullis.Core.Policy;
using Portcullis.Core.Sessions;
using Portcullis.Server.Api.Factors;
using Portcullis.Server.Auth;

namespace Portcullis.Server.Portal.Pages.Security;

/// <summary>
/// The user's sign-in factors: list, rename and remove them, enrol an authenticator app (TOTP), a security key or passkey
/// (WebAuthn), the push authenticator, and generate recovery codes. Each handler is the same use case as its API endpoint
/// (<c>/api/v1/factors…</c>): the same policy operation first, then the same service call (which audits and notifies).
/// A session opened with a recovery code is sent here and may only do what the API allows it: list and enrol.
/// Secrets (the TOTP secret, the push enrolment code, recovery codes) are rendered once, in the answer to the POST that
/// made them, and kept nowhere else.
/// </summary>
public sealed class FactorsModel(
    FactorService factors,
    TotpService totp,
    WebAuthnService webauthn,
    AuthenticatorEnrollmentService authenticators,
    RecoveryCodeService recovery) : PortalPageModel
{
    /// <summary>One factor in the table.</summary>
    public sealed record Row(Guid Id, FactorKind Kind, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

    /// <summary>An authenticator app being enrolled: the pending factor and, on the render that started it only, its secret.</summary>
    public sealed record TotpEnrolment(Guid FactorId, string? Secret, IHtmlContent? Qr);

    /// <summary>A security key registration in progress: the options for <c>navigator.credentials.create()</c>.</summary>
    public sealed record KeyRegistration(Guid ChallengeId, string OptionsJson, string? Name);

    /// <summary>A push authenticator enrolment code, shown once.</summary>
    public sealed record PushEnrolment(string Code, string Server, string Link, IHtmlContent Qr, DateTimeOffset ExpiresAt);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int RecoveryCodesLeft { get; private set; }

    public DateTimeOffset? RecoveryCodesGeneratedAt { get; private set; }

    /// <summary>This session was opened with a recovery code and may only enrol a new factor.</summary>
    public bool EnrollmentRequired { get; private set; }

    public TotpEnrolment? Totp { get; private set; }

    public KeyRegistration? Key { get; private set; }

    public PushEnrolment? Push { get; private set; }

    /// <summary>A new set of recovery codes, on the render that generated them only.</summary>
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    public string RecoveryCodesWarning => RecoveryCodeEndpoints.Warning;

    /// <summary>Why the list or the change was refused and what to do, or <c>null</c>.</summary>
    public string? Error { get; private set; }

    /// <summary>What was done, or <c>null</c>.</summary>
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? done = null)
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn();
        }

        if (current.Session.PasswordChangeRequired)
        {
            return RedirectToPage("/Password");
        }

        Notice = done switch
        {
            "totp" => "Your authenticator app was added. Use it the next time you sign in.",
            "key" => "Your security key was added. Use it the next time you sign in.",
            "renamed" => "The factor was renamed.",
            "removed" => "The factor was removed. It can no longer be used to sign in.",
            _ => null,
        };
        return await ShowAsync(current);
    }

    public async Task<IActionResult> OnPostRenameAsync(Guid id, string? name)
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn(ended: true);
        }

        if (await RefusalAsync(current, Describe(current, Operations.FactorRename), duringEnrollment: false) is { } refused)
        {
            return refused;
        }

        var result = await factors.RenameAsync(current, id, name, HttpContext.ClientIp()?.ToString(), HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            return await FailedAsync(current, result.Error.Code == FactorErrors.NotFoundCode
                ? "That factor no longer exists. The list below is up to date."
                : "A factor name has 1 to 64 characters. Type a name and press Rename again.");
        }

        return RedirectToPage("/Security/Factors", new { done = "renamed" });
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id)
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn(ended: true);
        }

        if (await RefusalAsync(current, Describe(current, Operations.FactorRemove), duringEnrollment: false) is { } refused)
        {
            return refused;
        }

        var result = await factors.RemoveAsync(current, id, HttpContext.ClientIp()?.ToString(), HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            return await FailedAsync(current, result.Error!.Code switch
            {
                FactorErrors.LastStrongFactorCode => "That is your last security key or authenticator: it cannot be removed. Add another one first, then remove this one.",
                FactorErrors.NotFoundCode => "That factor no longer exists. The list below is up to date.",
                _ => result.Error.Message,
            });
        }

        return RedirectToPage("/Security/Factors", new { done = "removed" });
    }

    public async Task<IActionResult> OnPostTotpAsync(string? name)
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn(ended: true);
        }

        if (await RefusalAsync(current, Describe(current, Operations.FactorEnroll) with { FactorKind = "totp" }, duringEnrollment: true) is { } refused)
        {
            return refused;
        }

        var result = await totp.BeginAsync(current, name, HttpContext.ClientIp()?.ToString(), HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            return await FailedAsync(current, result.Error.Message);
        }

        var enrolment = result.Value;
        Totp = new TotpEnrolment(enrolment.Factor.Id, Grouped(enrolment.SecretBase32),
            PortalQr.Svg(enrolment.OtpAuthUri, "QR code for your authenticator app. If you cannot scan it, type the secret shown next to it."));
        return await ShowAsync(current);
    }

    public async Task<IActionResult> OnPostConfirmTotpAsync(Guid pendingId, string? code)
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn(ended: true);
        }

        if (await RefusalAsync(current, Describe(current, Operations.FactorEnroll) with { FactorKind = "totp" }, duringEnrollment: true) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(code))
        {
            Totp = new TotpEnrolment(pendingId, null, null);
            return await FailedAsync(current, "Enter the 6-digit code your authenticator app shows for this account.");
        }

        var result = await totp.ConfirmAsync(current, pendingId, code.Replace(" ", "", StringComparison.Ordinal), HttpContext.ClientIp()?.ToString(),
            HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            if (result.Error.Code == FactorErrors.NotFoundCode)
            {
                return await FailedAsync(current, "This enrolment is no longer open. Press \"Add authenticator app\" to start again.");
            }

            Totp = new TotpEnrolment(pendingId, null, null);
            return await FailedAsync(current, "That code was not accepted. Wait for the next code in your app and enter it. " +
                "If the app does not show this account, press \"Add authenticator app\" to start again.");
        }

        return RedirectToPage("/Security/Factors", new { done = "totp" });
    }

    public async Task<IActionResult> OnPostKeyOptionsAsync(string? name)
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn(ended: true);
        }

        if (await RefusalAsync(current, Describe(current, Operations.FactorEnroll) with { FactorKind = "webauthn" }, duringEnrollment: true) is { } refused)
        {
            return refused;
        }

        var result = await webauthn.BeginRegistrationAsync(current, name, HttpContext.ClientIp()?.ToString(), HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            return await FailedAsync(current, result.Error.Message);
        }

        Key = new KeyRegistration(result.Value.ChallengeId, result.Value.OptionsJson, FactorService.Clean(name));
        return await ShowAsync(current);
    }

    public async Task<IActionResult> OnPostKeyAsync(Guid challengeId, string? credential, string? name)
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn(ended: true);
        }

        if (await RefusalAsync(current, Describe(current, Operations.FactorEnroll) with { FactorKind = "webauthn" }, duringEnrollment: true) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrEmpty(credential))
        {
            return await FailedAsync(current, "Your browser did not return an answer from the security key. Press \"Add security key\" to start again, then touch the key.");
        }

        var result = await webauthn.CompleteRegistrationAsync(current, challengeId, credential, name, HttpContext.ClientIp()?.ToString(),
            HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            return await FailedAsync(current, result.Error.Code == WebAuthnErrors.CredentialExistsCode
                ? "That security key is already registered to your account. Use another key, or keep this one as it is."
                : "The security key could not be added: the registration expired or the key's answer was not accepted. Press \"Add security key\" to try again.");
        }

        return RedirectToPage("/Security/Factors", new { done = "key" });
    }

    public async Task<IActionResult> OnPostPushAsync()
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn(ended: true);
        }

        if (await RefusalAsync(current, Describe(current, Operations.FactorEnroll) with { FactorKind = "push" }, duringEnrollment: true) is { } refused)
        {
            return refused;
        }

        var result = await authenticators.BeginAsync(current, HttpContext.ClientIp()?.ToString(), HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            return await FailedAsync(current, result.Error.Message);
        }

        var (server, link) = PushEndpoints.EnrollmentLink(Request, result.Value.Code);
        Push = new PushEnrolment(result.Value.Code, server, link,
            PortalQr.Svg(link, "QR code for the Portcullis Authenticator app. If you cannot scan it, type the server address and the code shown next to it."),
            result.Value.ExpiresAt);
        return await ShowAsync(current);
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn(ended: true);
        }

        if (await RefusalAsync(current, Describe(current, Operations.RecoveryCodesGenerate) with { FactorKind = "recovery_codes" }, duringEnrollment: false) is { } refused)
        {
            return refused;
        }

        var result = await recovery.GenerateAsync(current, HttpContext.ClientIp()?.ToString(), HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            return await FailedAsync(current, result.Error.Code switch
            {
                RecoveryCodeErrors.StrongFactorRequiredCode => "Recovery codes need a security key or an authenticator app first: add one above, then generate the codes.",
                _ => result.Error.RetryAfter is not null ? "The service is busy right now. Wait a moment and try again." : result.Error.Message,
            });
        }

        NewRecoveryCodes = result.Value.Codes;
        return await ShowAsync(current);
    }

    /// <summary>
    /// The page with the refusal when this session may not make the change: a password still to change, a factor still to
    /// enrol unless <paramref name="duringEnrollment"/> (as the API's session filter refuses it), or the policy's answer in words.
    /// </summary>
    private async Task<IActionResult?> RefusalAsync(SessionContext current, OperationRequest request, bool duringEnrollment)
    {
        if (current.Session.PasswordChangeRequired)
        {
            return RedirectToPage("/Password");
        }

        if (current.Session.FactorEnrollmentRequired && !duringEnrollment)
        {
            return await FailedAsync(current, SecurityChanges.EnrollmentFirst);
        }

        return await SecurityChanges.RefusedAsync(this, current, request) is { } words ? await FailedAsync(current, words) : null;
    }

    private async Task<IActionResult> FailedAsync(SessionContext current, string error)
    {
        Error = error;
        return await ShowAsync(current);
    }

    private async Task<IActionResult> ShowAsync(SessionContext current)
    {
        ShowSignedIn(current, "security", "factors");
        EnrollmentRequired = current.Session.FactorEnrollmentRequired;
        if (await RefusedAsync(current, Operations.FactorRead) is { } refusal)
        {
            Error ??= refusal;
            return Page();
        }

        var list = await factors.ListAsync(current.User.Id, HttpContext.RequestAborted);
        Rows = list
            .Where(f => f.IsActive && f.Kind != FactorKind.RecoveryCodes)
            .OrderBy(f => f.CreatedAt)
            .Select(f => new Row(f.Id, f.Kind, f.Name, f.CreatedAt, f.LastUsedAt))
            .ToList();
        var status = await recovery.GetStatusAsync(current.User.Id, HttpContext.RequestAborted);
        RecoveryCodesLeft = status.Remaining;
        RecoveryCodesGeneratedAt = status.GeneratedAt;
        return Page();
    }

    /// <summary>The secret in groups of four, easier to type by hand (authenticator apps ignore the spaces).</summary>
    private static string Grouped(string secret) =>
        string.Join(' ', Enumerable.Range(0, (secret.Length + 3) / 4).Select(i => secret.Substring(i * 4, Math.Min(4, secret.Length - (i * 4)))));

    /// <summary>Words for a factor's kind.</summary>
    public static string KindName(FactorKind kind) => kind switch
    {
        FactorKind.WebAuthn => "Security key or passkey",
        FactorKind.Totp => "Authenticator app (code)",
        FactorKind.Push => "Authenticator app (push)",
        FactorKind.Sms => "Text message (SMS)",
        _ => "Recovery codes",
    };
}
