using Microsoft.AspNetCore.Mvc;
using Portcullis.Core.ApiKeys;
using Portcullis.Core.Factors;
using Portcullis.Core.Factors.RecoveryCodes;
using Portcullis.Core.Notifications;
using Portcullis.Core.Policy;
using Portcullis.Core.Protection;

namespace Portcullis.Server.Portal.Pages.Security;

/// <summary>
/// The security section's front page: the security checkup (findings computed from the user's real state, each with a
/// link to where it is fixed) and a map of the section. Each area is read through the policy's read operation the API's
/// own endpoint asks for (<c>factor.read</c>, <c>apikey.read</c>, <c>notification_settings.read</c>, <c>freeze.read</c>);
/// an area the policy refuses is named with the policy's advice instead of a finding.
/// </summary>
public sealed class IndexModel(FactorService factors, RecoveryCodeService recovery, ApiKeyService apiKeys, NotificationSettingsService notifications,
    SettingsLockService locks, TimeProvider time) : PortalPageModel
{
    /// <summary>Recovery codes at or below this many left are a finding.</summary>
    public const int FewRecoveryCodes = 3;

    /// <summary>Keys expiring within this many days are a finding.</summary>
    public const int ExpiryWarningDays = 14;

    public IReadOnlyList<Finding> Findings { get; private set; } = [];

    /// <summary>How many things were checked (findings or not).</summary>
    public int Checked { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn();
        }

        ShowSignedIn(current, "security", "checkup");
        var findings = new List<Finding>();
        var now = time.GetUtcNow();
        var ct = HttpContext.RequestAborted;

        if (await RefusedAsync(current, Operations.FactorRead) is { } factorsRefused)
        {
            findings.Add(new Finding($"Your sign-in factors could not be checked: {factorsRefused}", "/security/factors", "Sign-in factors"));
        }
        else
        {
            var active = (await factors.ListAsync(current.User.Id, ct)).Where(f => f.IsActive).ToList();
            var signInFactors = active.Where(f => f.Kind != FactorKind.RecoveryCodes).ToList();
            if (!signInFactors.Any(f => f.Kind == FactorKind.WebAuthn))
            {
                findings.Add(new Finding("You have no security key or passkey. It is the only factor a fake sign-in page cannot trick; add one.",
                    "/security/factors", "Add a security key"));
            }

            if (signInFactors.Count <= 1)
            {
                findings.Add(new Finding(signInFactors.Count == 0
                        ? "You sign in with your password alone. Add a second factor so that a stolen password is not enough."
                        : "You have only one second factor. If you lose it you are locked out; add another.",
                    "/security/factors", "Add a factor"));
            }

            var codes = await recovery.GetStatusAsync(current.User.Id, ct);
            if (codes.Remaining == 0)
            {
                findings.Add(new Finding("You have no recovery codes. They let you in when every other factor is lost; generate a set and store it offline.",
                    "/security/factors", "Generate recovery codes"));
            }
            else if (codes.Remaining <= FewRecoveryCodes)
            {
                findings.Add(new Finding($"Only {codes.Remaining} recovery {(codes.Remaining == 1 ? "code is" : "codes are")} left. Generate a new set.",
                    "/security/factors", "Generate recovery codes"));
            }

            Checked += 3;
        }

        if (await RefusedAsync(current, Operations.ApiKeyRead) is { } keysRefused)
        {
            findings.Add(new Finding($"Your API keys could not be checked: {keysRefused}", "/security/api-keys", "API keys"));
        }
        else
        {
            var keys = (await apiKeys.ListAsync(current.User.Id, ct)).Where(k => k.IsActiveAt(now)).ToList();
            foreach (var key in keys.Where(k => k.PermissionsAt(now).HasFlag(ApiKeyPermissions.Trade) && k.IpAllowlist.Count == 0))
            {
                findings.Add(new Finding($"The API key \"{key.Name}\" ({key.KeyId}) may trade from any address. Limit it to your bot's addresses.",
                    "/security/api-keys", "Review API keys"));
            }

            foreach (var key in keys.Where(k => k.ExpiresAt - now <= TimeSpan.FromDays(ExpiryWarningDays)))
            {
                findings.Add(new Finding($"The API key \"{key.Name}\" ({key.KeyId}) expires on {key.ExpiresAt:yyyy-MM-dd HH:mm} UTC. Rotate it before then.",
                    "/security/api-keys", "Rotate the key"));
            }

            Checked += 2;
        }

        if (await RefusedAsync(current, Operations.NotificationSettingsRead) is { } contactsRefused)
        {
            findings.Add(new Finding($"Your notification contacts could not be checked: {contactsRefused}", "/security/notifications", "Notifications"));
        }
        else
        {
            if ((await notifications.ListContactsAsync(current.User.Id, ct)).Count == 0)
            {
                findings.Add(new Finding("No email address or phone number receives your security alerts. Add one so that you hear about a new sign-in or key.",
                    "/security/notifications", "Add a contact"));
            }

            Checked++;
        }

        if (await RefusedAsync(current, Operations.FreezeRead) is { } lockRefused)
        {
            findings.Add(new Finding($"Your settings lock could not be checked: {lockRefused}", "/security/freeze", "Freeze and lock"));
        }
        else
        {
            if (await locks.GetAsync(current.User.Id, ct) is not { } settingsLock || !settingsLock.IsOnAt(now))
            {
                findings.Add(new Finding("The settings lock is off. With it on, weakening your security (removing factors, widening keys) waits a few days, " +
                    "so that someone who got in cannot do it at once.", "/security/freeze", "Turn on the settings lock"));
            }

            Checked++;
        }

        Findings = findings;
        return Page();
    }

    /// <summary>One thing to improve, in words, and where it is fixed.</summary>
    public sealed record Finding(string Text, string FixHref, string FixLabel);
}
