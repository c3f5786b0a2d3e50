using Microsoft.AspNetCore.Mvc;
using Portcullis.Core.Devices;
using Portcullis.Core.Policy;
using Portcullis.Core.Sessions;
using Portcullis.Server.Auth;

namespace Portcullis.Server.Portal.Pages.Security;

/// <summary>
/// The user's active sessions, with revoking one and signing out everywhere: the same use cases as
/// <c>GET /api/v1/sessions</c>, <c>DELETE /api/v1/sessions/{id}</c> and <c>DELETE /api/v1/sessions</c>, after the policy
/// allowed <c>session.read</c> or <c>session.revoke</c>.
/// </summary>
public sealed class SessionsModel(SessionService sessions, DeviceService devices) : PortalPageModel
{
    /// <summary>One row of the table.</summary>
    public sealed record Row(Guid Id, string Device, SessionClient Client, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, string? Ip, bool Current);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>Why the list or the change was refused, in words, or <c>null</c>.</summary>
    public string? Error { get; private set; }

    /// <summary>What was done, or <c>null</c>.</summary>
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool revoked = false)
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn();
        }

        Show(current);
        if (revoked)
        {
            Notice = "The session was signed out. The browser or app that used it has to sign in again.";
        }

        await LoadAsync(current);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn(ended: true);
        }

        Show(current);
        if (await RefusedAsync(current, Operations.SessionRevoke) is { } refusal)
        {
            Error = refusal;
            await LoadAsync(current);
            return Page();
        }

        var result = await sessions.RevokeAsync(current, id, HttpContext.ClientIp()?.ToString(), HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            Error = "That session has already ended or is not yours. The list below is up to date.";
            await LoadAsync(current);
            return Page();
        }

        if (id == current.Session.Id)
        {
            SessionCookies.ClearSession(Response);
            return ToSignIn(ended: true);
        }

        return RedirectToPage("/Security/Sessions", new { revoked = true });
    }

    public async Task<IActionResult> OnPostEverywhereAsync()
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn(ended: true);
        }

        Show(current);
        if (await RefusedAsync(current, Operations.SessionRevoke) is { } refusal)
        {
            Error = refusal;
            await LoadAsync(current);
            return Page();
        }

        await sessions.RevokeAllAsync(current, HttpContext.ClientIp()?.ToString(), HttpContext.RequestAborted);
        SessionCookies.ClearSession(Response);
        return ToSignIn(ended: true);
    }

    private async Task LoadAsync(SessionContext current)
    {
        if (await RefusedAsync(current, Operations.SessionRead) is { } refusal)
        {
            Error ??= refusal;
            Rows = [];
            return;
        }

        var names = (await devices.ListAsync(current.User.Id, HttpContext.RequestAborted)).ToDictionary(d => d.Device.Id, d => d.Device.Name);
        var list = await sessions.ListAsync(current.User.Id, HttpContext.RequestAborted);
        Rows = list
            .OrderByDescending(s => s.Id == current.Session.Id)
            .ThenByDescending(s => s.LastSeenAt)
            .Select(s => new Row(
                s.Id,
                s.DeviceId is { } d && names.TryGetValue(d, out var name) ? name : "Unknown device",
                s.Client,
                s.CreatedAt,
                s.LastSeenAt,
                s.Ip,
                s.Id == current.Session.Id))
            .ToList();
    }

    private void Show(SessionContext current) => ShowSignedIn(current, "security", "sessions");
}
