using Microsoft.AspNetCore.Mvc;
using Portcullis.Core.Policy;
using Portcullis.Core.Protection;
using Portcullis.Core.Sessions;
using Portcullis.Server.Auth;

namespace Portcullis.Server.Portal.Pages.Security;

/// <summary>
/// The user's trusted networks: the same use cases as <c>GET</c>/<c>POST /api/v1/me/trusted-networks</c> and
/// <c>DELETE /api/v1/me/trusted-networks/{id}</c>, after the policy allowed <c>network.read</c>, <c>network.trust</c> or
/// <c>network.untrust</c>. A held <c>network.trust</c> is explained (this page cannot request an approval).
/// </summary>
public sealed class NetworksModel(TrustedNetworkService networks) : PortalPageModel
{
    [BindProperty] public string? Cidr { get; set; }
    [BindProperty] public string? Label { get; set; }

    public IReadOnlyList<TrustedNetwork> Networks { get; private set; } = [];

    /// <summary>The address this browser connects from, as the gate sees it.</summary>
    public string? ClientAddress { get; private set; }

    public Dictionary<string, string> FieldErrors { get; } = new(StringComparer.Ordinal);

    public string? Error { get; private set; }

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? done = null)
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn();
        }

        Show(current);
        Notice = done switch
        {
            "added" => "The network was added to your trusted networks.",
            "removed" => "The network was removed from your trusted networks.",
            _ => null,
        };
        await LoadAsync(current);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync()
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn(ended: true);
        }

        Show(current);
        if (await RefusedToAsync(current, Operations.NetworkTrust, "add a trusted network") is { } refusal)
        {
            Error = refusal;
            await LoadAsync(current);
            return Page();
        }

        var result = await networks.AddAsync(current.User.Id, Cidr, Label, HttpContext.ClientIp()?.ToString(), HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            switch (result.Error.Code)
            {
                case ProtectionErrors.NetworkInvalidCode or ProtectionErrors.NetworkTooBroadCode or ProtectionErrors.NetworkExistsCode:
                    FieldErrors["cidr"] = result.Error.Message;
                    break;
                case ProtectionErrors.NetworkLabelInvalidCode:
                    FieldErrors["label"] = result.Error.Message;
                    break;
                default:
                    ApiKeyPortal.AddFields(result.Error.Fields, FieldErrors);
                    break;
            }

            Error = FieldErrors.Count > 0 ? "The network was not added: fix the fields marked below." : result.Error.Message;
            await LoadAsync(current);
            return Page();
        }

        return RedirectToPage("/Security/Networks", new { done = "added" });
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id)
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn(ended: true);
        }

        Show(current);
        if (await RefusedToAsync(current, Operations.NetworkUntrust, "remove a trusted network") is { } refusal)
        {
            Error = refusal;
            await LoadAsync(current);
            return Page();
        }

        var result = await networks.RemoveAsync(current.User.Id, id, HttpContext.ClientIp()?.ToString(), HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            Error = "That network is not among yours (any more). The list below is up to date.";
            await LoadAsync(current);
            return Page();
        }

        return RedirectToPage("/Security/Networks", new { done = "removed" });
    }

    private async Task LoadAsync(SessionContext current)
    {
        ClientAddress = HttpContext.ClientIp()?.ToString();
        if (await RefusedAsync(current, Operations.NetworkRead) is { } refusal)
        {
            Error ??= refusal;
            Networks = [];
            return;
        }

        Networks = await networks.ListAsync(current.User.Id, HttpContext.RequestAborted);
    }

    private void Show(SessionContext current) => ShowSignedIn(current, "security", "networks");
}
