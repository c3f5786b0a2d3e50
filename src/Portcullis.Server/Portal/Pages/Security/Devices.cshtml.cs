using Microsoft.AspNetCore.Mvc;
using Portcullis.Core.Devices;
using Portcullis.Core.Policy;
using Portcullis.Core.Sessions;
using Portcullis.Server.Auth;

namespace Portcullis.Server.Portal.Pages.Security;

/// <summary>
/// The user's devices (browsers, clients, authenticators, security keys) with rename and revoke: the same use cases as
/// <c>GET</c>, <c>PATCH</c> and <c>DELETE /api/v1/devices[/{id}]</c>, after the policy allowed <c>device.read</c>,
/// <c>device.rename</c> or <c>device.revoke</c>. Revoking a device ends its sessions, cancels its pending approvals and
/// removes the factors bound to it (<see cref="DeviceService.RevokeAsync(SessionContext, Guid, string?, CancellationToken)"/>);
/// revoking this browser's own device signs it out.
/// </summary>
public sealed class DevicesModel(DeviceService devices) : PortalPageModel
{
    /// <summary>One row of the table.</summary>
    public sealed record Row(Guid Id, string Name, DeviceKind Kind, string? Platform, DeviceTrust Trust, bool Revoked, DateTimeOffset FirstSeenAt,
        DateTimeOffset LastSeenAt, string? LastIp, int ActiveSessions, bool Current);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

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

        if (Restricted(current) is { } elsewhere)
        {
            return elsewhere;
        }

        Notice = done switch
        {
            "revoked" => "The device was revoked. Its sessions were signed out and anything bound to it (a security key, a push authenticator) was removed.",
            "renamed" => "The device was renamed.",
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

        if (Restricted(current) is { } elsewhere)
        {
            return elsewhere;
        }

        if (await SecurityChanges.RefusedAsync(this, current, Describe(current, Operations.DeviceRename)) is { } refusal)
        {
            return await FailedAsync(current, refusal);
        }

        var result = await devices.RenameAsync(current, id, name, HttpContext.ClientIp()?.ToString(), HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            return await FailedAsync(current, result.Error.Code == DeviceErrors.NotFoundCode
                ? "That device is not in your list. The list below is up to date."
                : "A device name has 1 to 64 characters. Type a name and press Rename again.");
        }

        return RedirectToPage("/Security/Devices", new { done = "renamed" });
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn(ended: true);
        }

        // A session opened with a recovery code may revoke a device (a lost phone), as DELETE /api/v1/devices/{id} allows it.
        if (current.Session.PasswordChangeRequired)
        {
            return RedirectToPage("/Password");
        }

        if (await SecurityChanges.RefusedAsync(this, current, Describe(current, Operations.DeviceRevoke)) is { } refusal)
        {
            return await FailedAsync(current, refusal);
        }

        var result = await devices.RevokeAsync(current, id, HttpContext.ClientIp()?.ToString(), HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            return await FailedAsync(current, "That device is not in your list. The list below is up to date.");
        }

        if (id == current.Session.DeviceId)
        {
            SessionCookies.ClearSession(Response);
            return ToSignIn(ended: true);
        }

        return current.Session.FactorEnrollmentRequired
            ? RedirectToPage("/Security/Factors")
            : RedirectToPage("/Security/Devices", new { done = "revoked" });
    }

    /// <summary>
    /// Where a session that may not see this page goes instead: the password page first, the sign-in factors page for a
    /// session opened with a recovery code (the API refuses it the device list until a new factor is enrolled).
    /// </summary>
    private RedirectToPageResult? Restricted(SessionContext current) =>
        current.Session.PasswordChangeRequired ? RedirectToPage("/Password")
        : current.Session.FactorEnrollmentRequired ? RedirectToPage("/Security/Factors")
        : null;

    private async Task<IActionResult> FailedAsync(SessionContext current, string error)
    {
        Error = error;
        return await ShowAsync(current);
    }

    private async Task<IActionResult> ShowAsync(SessionContext current)
    {
        ShowSignedIn(current, "security", "devices");
        if (await RefusedAsync(current, Operations.DeviceRead) is { } refusal)
        {
            Error ??= refusal;
            return Page();
        }

        var list = await devices.ListAsync(current.User.Id, HttpContext.RequestAborted);
        Rows = list
            .OrderByDescending(d => d.Device.Id == current.Session.DeviceId)
            .ThenBy(d => d.Device.RevokedAt is not null)
            .ThenByDescending(d => d.Device.LastSeenAt)
            .Select(d => new Row(d.Device.Id, d.Device.Name, d.Device.Kind, d.Device.Platform, d.Device.Trust, d.Device.RevokedAt is not null,
                d.Device.FirstSeenAt, d.Device.LastSeenAt, d.Device.LastIp, d.ActiveSessions, d.Device.Id == current.Session.DeviceId))
            .ToList();
        return Page();
    }

    /// <summary>Words for a device's kind.</summary>
    public static string KindName(DeviceKind kind) => kind switch
    {
        DeviceKind.Browser => "Browser",
        DeviceKind.Native => "App or API client",
        DeviceKind.Authenticator => "Authenticator (push)",
        DeviceKind.SecurityKey => "Security key",
        _ => "Workstation",
    };
}
