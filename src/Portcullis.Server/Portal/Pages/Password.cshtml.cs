using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portcullis.Core.Passwords;
using Portcullis.Core.Policy;
using Portcullis.Core.SignIn;
using Portcullis.Core.Users;
using Portcullis.Server.Auth;
using Portcullis.Server.Policy;

namespace Portcullis.Server.Portal.Pages;

/// <summary>
/// Change the password (the same use case as <c>POST /api/v1/me/password</c>, after the policy allowed
/// <c>password.change</c>): the only page a session opened with a one-time password may use. Every other session is
/// revoked and this one gets a new token in its cookie.
/// </summary>
public sealed class PasswordModel(UserService users, PolicyGate policy) : PortalPageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public string? Error { get; private set; }

    /// <summary>The session was opened with a one-time password, which must be replaced first.</summary>
    public bool OneTime { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn();
        }

        Show(current);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn(ended: true);
        }

        Show(current);
        if (string.IsNullOrEmpty(CurrentPassword) || string.IsNullOrEmpty(NewPassword))
        {
            return Refused("Enter your current password and the new one.");
        }

        if (!string.Equals(NewPassword, ConfirmPassword, StringComparison.Ordinal))
        {
            return Refused("The new password and its confirmation differ. Type the new password twice, exactly the same.");
        }

        var (decision, reservation) = await policy.DecideAsync(current, Describe(current, Operations.PasswordChange), HttpContext.RequestAborted);
        if (decision.Kind != DecisionKind.Allow)
        {
            return Refused(PolicyResults.Detail(decision));
        }

        var result = await users.ChangePasswordAsync(current, CurrentPassword, NewPassword, HttpContext.ClientIp(), HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            if (reservation is { } unused)
            {
                await policy.ReleaseAsync(unused);
            }

            return Refused(result.Error.Code switch
            {
                PasswordErrors.CurrentPasswordWrongCode => "The current password is not right. Type it again (for a new account it is the one-time password you were given).",
                SignInErrors.BusyCode => "The service is busy right now. Wait a moment and try again.",
                _ => result.Error.Message,
            });
        }

        SessionCookies.SetSession(Response, result.Value);
        return RedirectToPage("/Index", new { changed = true });
    }

    private void Show(Core.Sessions.SessionContext current)
    {
        OneTime = current.Session.PasswordChangeRequired;
        ShowSignedIn(current, "security", "password");
    }

    private PageResult Refused(string error)
    {
        Error = error;
        CurrentPassword = NewPassword = ConfirmPassword = null;
        return Page();
    }
}
