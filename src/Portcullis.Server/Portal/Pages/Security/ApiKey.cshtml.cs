using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portcullis.Core.ApiKeys;
using Portcullis.Core.Audit;
using Portcullis.Core.Policy;
using Portcullis.Core.Sessions;
using Portcullis.Server.Api.Contracts;
using Portcullis.Server.Auth;
using Portcullis.Server.Policy;

namespace Portcullis.Server.Portal.Pages.Security;

/// <summary>
/// One API key: its scopes and usage, its usage log a page at a time (as <c>GET /api/v1/api-keys/{id}/usage</c>), rotating
/// it (as <c>POST /api/v1/api-keys/{id}/rotate</c>, <c>apikey.rotate</c>) and revoking it (as <c>DELETE</c>,
/// <c>apikey.revoke</c>). A rotation's new private key (generated here) or HMAC secret is shown once, in the POST's answer.
/// </summary>
public sealed class ApiKeyModel(ApiKeyService keys, ApiKeyUsageService usage, PolicyGate policy, TimeProvider time) : PortalPageModel
{
    [BindProperty] public string? OverlapHours { get; set; } = "24";
    [BindProperty] public string Kind { get; set; } = ApiKeysModel.Generate;
    [BindProperty] public string? PublicKey { get; set; }

    public ApiKeyView? Key { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public IReadOnlyList<ApiKeyUsage> Usage { get; private set; } = [];

    /// <summary>The cursor of the next (older) page of the usage log, or <c>null</c>.</summary>
    public long? Next { get; private set; }

    public Dictionary<string, string> FieldErrors { get; } = new(StringComparer.Ordinal);

    public string? Error { get; private set; }

    public string? Notice { get; private set; }

    public ApiKeysModel.CreatedKey? Created { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, long? before = null)
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn();
        }

        Show(current);
        return await LoadAsync(current, id, before is > 0 ? before : null) ? Page() : NotFoundPage();
    }

    public async Task<IActionResult> OnPostRotateAsync(Guid id)
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn(ended: true);
        }

        Show(current);
        if (await RefusedToAsync(current, Operations.ApiKeyRotate, "rotate an API key") is { } refusal)
        {
            Error = refusal;
            return await LoadAsync(current, id, null) ? Page() : NotFoundPage();
        }

        var overlap = ApiKeyPortal.Whole(OverlapHours, "overlap_hours", FieldErrors, "Write a whole number of hours from 0 to 168.");
        if (FieldErrors.Count > 0)
        {
            return await LoadAsync(current, id, null) ? Page() : NotFoundPage();
        }

        string? privateKey = null;
        var publicKey = PublicKey;
        if (Kind == ApiKeysModel.Generate)
        {
            (privateKey, publicKey) = ApiKeyPortal.GenerateEd25519();
        }

        // An HMAC key's successor gets a new secret from the service; it takes no public key.
        var existing = await keys.FindAsync(current.User.Id, id, HttpContext.RequestAborted);
        if (existing.IsSuccess && existing.Value.Algorithm == ApiKeyAlgorithm.HmacSha256)
        {
            (privateKey, publicKey) = (null, null);
        }

        var result = await keys.RotateAsync(current.User.Id, id, publicKey, overlap, HttpContext.ClientIp()?.ToString(), HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            ApiKeyPortal.AddFields(result.Error.Fields, FieldErrors);
            Error = FieldErrors.Count > 0 ? "The key was not rotated: fix the fields marked below." : result.Error.Message;
            return await LoadAsync(current, id, null) ? Page() : NotFoundPage();
        }

        Created = new ApiKeysModel.CreatedKey(ApiKeyView.From(result.Value.Key, time.GetUtcNow()), privateKey, result.Value.Secret);
        Notice = "The key was rotated. Both keys work until the overlap ends; then only the new one does. Give your bot the new key now.";
        ModelState.Clear();
        PublicKey = null;
        return await LoadAsync(current, id, null) ? Page() : NotFoundPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn(ended: true);
        }

        Show(current);
        if (await RefusedToAsync(current, Operations.ApiKeyRevoke, "revoke an API key") is { } refusal)
        {
            Error = refusal;
            return await LoadAsync(current, id, null) ? Page() : NotFoundPage();
        }

        var result = await keys.RevokeAsync(current.User.Id, id, Actors.User(current.User.Id), HttpContext.ClientIp()?.ToString(), HttpContext.RequestAborted);
        if (!result.IsSuccess && result.Error.Code == ApiKeyErrors.NotFoundCode)
        {
            return NotFoundPage();
        }

        Notice = result.IsSuccess ? "The key was revoked. Requests signed with it are refused from now on." : "That key was already revoked.";
        return await LoadAsync(current, id, null) ? Page() : NotFoundPage();
    }

    /// <summary>Reads the key and a page of its log; <c>false</c> when it is not the user's (or does not exist).</summary>
    private async Task<bool> LoadAsync(SessionContext current, Guid id, long? before)
    {
        Now = time.GetUtcNow();
        var (decision, _) = await policy.DecideAsync(current, Describe(current, Operations.ApiKeyRead), HttpContext.RequestAborted);
        if (decision.Kind != DecisionKind.Allow)
        {
            Error ??= PolicyResults.Detail(decision);
            return true;
        }

        var found = await keys.FindAsync(current.User.Id, id, HttpContext.RequestAborted);
        if (!found.IsSuccess)
        {
            return false;
        }

        Key = ApiKeyView.From(found.Value, Now, await usage.SummaryAsync(found.Value, HttpContext.RequestAborted));
        var page = await usage.ListAsync(current.User.Id, id, before, ApiKeyUsageService.DefaultPageSize, HttpContext.RequestAborted);
        if (page.IsSuccess)
        {
            Usage = page.Value.Items;
            Next = page.Value.Next;
        }

        return true;
    }

    private PageResult NotFoundPage()
    {
        Error = "There is no such key among yours. It may have been removed; go back to your keys.";
        Key = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    private void Show(SessionContext current) => ShowSignedIn(current, "security", "api-keys");
}
