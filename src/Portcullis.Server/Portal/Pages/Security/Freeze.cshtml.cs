using Microsoft.AspNetCore.Mvc;
using Portcullis.Core.Audit;
using Portcullis.Core.Policy;
using Portcullis.Core.Protection;
using Portcullis.Core.Sessions;
using Portcullis.Server.Auth;

namespace Portcullis.Server.Portal.Pages.Security;

/// <summary>
/// Freezing the account with one button (or only some capabilities), the freezes in force with lifting (which takes
/// effect after the cool-down, shown as a countdown), and the settings lock. The same use cases as <c>GET</c>/<c>POST
/// /api/v1/me/freezes</c>, <c>POST /api/v1/me/freezes/{id}/lift</c> and <c>GET</c>/<c>POST /api/v1/me/settings-lock</c>
/// (<c>/unlock</c> to ask to turn it off, <c>DELETE /unlock</c> to cancel that), each after the policy allowed the same
/// operation: <c>freeze.read</c>, <c>freeze.set</c> (with the capabilities), <c>freeze.lift</c> (with the freeze's
/// capabilities), <c>settings_lock.set</c> and <c>settings_lock.lift</c>.
/// </summary>
public sealed class FreezeModel(ProtectionService protection, SettingsLockService locks, TimeProvider time) : PortalPageModel
{
    /// <summary>The capabilities a freeze can cover, as the API names them, with words for the page.</summary>
    public static readonly IReadOnlyList<(string Name, string Label)> Scopes =
    [
        ("trading", "Trading (placing and changing orders)"),
        ("withdrawals", "Withdrawals and withdrawal destinations"),
        ("api", "API keys and bots"),
        ("security_changes", "Security changes (factors, devices, networks, notifications)"),
    ];

    /// <summary>The capabilities ticked under "Freeze only part"; none ticked freezes everything.</summary>
    [BindProperty] public List<string> Capabilities { get; set; } = [];

    [BindProperty] public string? Reason { get; set; }

    [BindProperty] public string? UnlockDelayDays { get; set; }

    public IReadOnlyList<Freeze> Freezes { get; private set; } = [];

    public SettingsLock? Lock { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public string? Error { get; private set; }

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? done = null)
    {
        if (await EnterAsync() is not { } current)
        {
            return ToSignIn();
        }

        Notice = done switch
        {
            "frozen" => "Frozen. What you chose is refused from now on, for anyone signed in as you, until the freeze is lifted.",
            "lift" => "Lifting was requested. The freeze stays in force until the time shown, and every channel was told; if it was not you, freeze again.",
            "locked" => "The settings lock is on: security changes are refused until you turn it off and its delay has passed.",
            "unlock" => "Turning the settings lock off was requested. It stays on until the time shown; every channel was told.",
            "kept" => "The unlock was cancelled: the settings lock stays on.",
            _ => null, // never echo the query string
        };
        return await ShowAsync(current);
    }

    public async Task<IActionResult> OnPostFreezeAsync()
    {
        if (await EnterAsync() is not { } current)
        {
            return ToSignIn(ended: true);
        }

        IReadOnlyList<string?> names = Capabilities.Count == 0 ? ["all"] : Capabilities.Distinct(StringComparer.Ordinal).ToList();
        var parsed = ProtectionService.ParseCapabilities(names);
        if (!parsed.IsSuccess)
        {
            Error = "Choose what to freeze from the list, or tick nothing to freeze everything.";
            return await ShowAsync(current);
        }

        var request = Describe(current, Operations.FreezeSet) with { Capability = Core.Policy.Capabilities.Name(parsed.Value) };
        if (await RefusedAsync(current, request) is { } refusal)
        {
            Error = "Nothing was frozen. " + refusal;
            return await ShowAsync(current);
        }

        var result = await protection.FreezeAsync(current.User.Id, names, string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim(), FreezeSource.Owner,
            Actors.User(current.User.Id), HttpContext.ClientIp()?.ToString(), HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            Error = result.Error.Code == ProtectionErrors.ReasonInvalidCode
                ? "Nothing was frozen: the note is too long. Keep it under 200 characters, or leave it empty."
                : $"Nothing was frozen: {result.Error.Message}";
            return await ShowAsync(current);
        }

        return RedirectToPage("/Security/Freeze", new { done = "frozen" });
    }

    public async Task<IActionResult> OnPostLiftAsync(Guid id)
    {
        if (await EnterAsync() is not { } current)
        {
            return ToSignIn(ended: true);
        }

        var request = Describe(current, Operations.FreezeLift);
        var freeze = (await protection.ListFreezesAsync(current.User.Id, HttpContext.RequestAborted)).FirstOrDefault(f => f.Id == id);
        if (freeze is not null)
        {
            request = request with { Capability = Core.Policy.Capabilities.Name(freeze.Capabilities) };
        }

        if (await RefusedAsync(current, request) is { } refusal)
        {
            Error = "The freeze was not lifted. " + refusal;
            return await ShowAsync(current);
        }

        var result = await protection.RequestLiftAsync(current.User.Id, id, HttpContext.ClientIp()?.ToString(), HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            Error = "That freeze is no longer in force (it was lifted already) or is not yours. The list below is up to date.";
            return await ShowAsync(current);
        }

        return RedirectToPage("/Security/Freeze", new { done = "lift" });
    }

    public async Task<IActionResult> OnPostLockAsync()
    {
        if (await EnterAsync() is not { } current)
        {
            return ToSignIn(ended: true);
        }

        if (!int.TryParse(UnlockDelayDays?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days)
            || days is < 1 or > 30)
        {
            Error = "The settings lock was not changed: enter a delay of 1 to 30 days.";
            return await ShowAsync(current);
        }

        if (await RefusedAsync(current, Operations.SettingsLockSet) is { } refusal)
        {
            Error = "The settings lock was not changed. " + refusal;
            return await ShowAsync(current);
        }

        var result = await locks.EnableAsync(current.User.Id, days, HttpContext.ClientIp()?.ToString(), HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            Error = result.Error.Code == ProtectionErrors.UnlockDelayShorterCode
                ? "The settings lock was not changed: while it is on, its delay can only grow. Enter at least the current delay."
                : $"The settings lock was not changed: {result.Error.Message}";
            return await ShowAsync(current);
        }

        return RedirectToPage("/Security/Freeze", new { done = "locked" });
    }

    public async Task<IActionResult> OnPostUnlockAsync()
    {
        if (await EnterAsync() is not { } current)
        {
            return ToSignIn(ended: true);
        }

        if (await RefusedAsync(current, Operations.SettingsLockLift) is { } refusal)
        {
            Error = "The settings lock was not changed. " + refusal;
            return await ShowAsync(current);
        }

        var result = await locks.RequestUnlockAsync(current.User.Id, HttpContext.ClientIp()?.ToString(), HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            Error = "The settings lock is not on, so there is nothing to turn off. The page below is up to date.";
            return await ShowAsync(current);
        }

        return RedirectToPage("/Security/Freeze", new { done = "unlock" });
    }

    public async Task<IActionResult> OnPostKeepLockAsync()
    {
        if (await EnterAsync() is not { } current)
        {
            return ToSignIn(ended: true);
        }

        if (await RefusedAsync(current, Operations.SettingsLockSet) is { } refusal)
        {
            Error = "The settings lock was not changed. " + refusal;
            return await ShowAsync(current);
        }

        var result = await locks.CancelUnlockAsync(current.User.Id, HttpContext.ClientIp()?.ToString(), HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            Error = "No unlock is pending, so there is nothing to cancel. The page below is up to date.";
            return await ShowAsync(current);
        }

        return RedirectToPage("/Security/Freeze", new { done = "kept" });
    }

    /// <summary>A capability set in the page's words.</summary>
    public static string Words(Capability set) =>
        set == Capability.All
            ? "Everything (trading, withdrawals, API keys, security changes)"
            : string.Join(", ", Scopes.Where(s => Core.Policy.Capabilities.TryParse(s.Name, out var c) && (set & c) != 0).Select(s => s.Label));

    private async Task<SessionContext?> EnterAsync()
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return null;
        }

        ShowSignedIn(current, "security", "freeze");
        return current;
    }

    private async Task<IActionResult> ShowAsync(SessionContext current)
    {
        Now = time.GetUtcNow();
        if (await RefusedAsync(current, Operations.FreezeRead) is { } refusal)
        {
            Error ??= refusal;
            return Page();
        }

        Freezes = (await protection.ListFreezesAsync(current.User.Id, HttpContext.RequestAborted)).Where(f => f.IsInForce(Now)).ToList();
        var settingsLock = await locks.GetAsync(current.User.Id, HttpContext.RequestAborted);
        Lock = settingsLock is not null && settingsLock.IsOnAt(Now) ? settingsLock : null;
        return Page();
    }
}
