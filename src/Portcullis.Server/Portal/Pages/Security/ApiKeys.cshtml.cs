using Microsoft.AspNetCore.Mvc;
using Portcullis.Core.ApiKeys;
using Portcullis.Core.Audit;
using Portcullis.Core.Policy;
using Portcullis.Core.Sessions;
using Portcullis.Server.Api.Contracts;
using Portcullis.Server.Auth;
using Portcullis.Server.Policy;

namespace Portcullis.Server.Portal.Pages.Security;

/// <summary>
/// The user's API keys with their state, scopes and usage, and creating and revoking one: the same use cases as
/// <c>GET</c>/<c>POST /api/v1/api-keys</c> and <c>DELETE /api/v1/api-keys/{id}</c>, after the policy allowed
/// <c>apikey.read</c>, <c>apikey.create</c> (tier 1: a step-up is explained) or <c>apikey.revoke</c>. Validation is
/// <see cref="ApiKeyService"/>'s own; its field errors are shown next to the fields. "Generate a key for me" makes an
/// Ed25519 key pair here, in memory, gives the service only the public key, and shows the private key once in the answer
/// to the POST (never in a URL, a cookie or a log).
/// </summary>
public sealed class ApiKeysModel(ApiKeyService keys, ApiKeyUsageService usage, PolicyGate policy, TimeProvider time) : PortalPageModel
{
    /// <summary>The kinds offered in the form.</summary>
    public const string Generate = "generate";

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public List<string> Permissions { get; set; } = ["read"];
    [BindProperty] public List<string> AssetClasses { get; set; } = [];
    [BindProperty] public string? Markets { get; set; }
    [BindProperty] public string? Symbols { get; set; }
    [BindProperty] public List<string> OrderTypes { get; set; } = [];
    [BindProperty] public string? MaxOrderNotional { get; set; }
    [BindProperty] public string? MaxDailyNotional { get; set; }
    [BindProperty] public string? MaxOrdersPerMinute { get; set; }
    [BindProperty] public string? IpAllowlist { get; set; }
    [BindProperty] public string? ExpiresInDays { get; set; } = "90";
    [BindProperty] public string Kind { get; set; } = Generate;
    [BindProperty] public string? PublicKey { get; set; }

    public IReadOnlyList<ApiKeyView> Keys { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    /// <summary>What is wrong with each field, in words, keyed by the API's field name.</summary>
    public Dictionary<string, string> FieldErrors { get; } = new(StringComparer.Ordinal);

    public string? Error { get; private set; }

    public string? Notice { get; private set; }

    /// <summary>The key just created, with its private key or secret: shown in this answer only.</summary>
    public CreatedKey? Created { get; private set; }

    /// <summary>
    /// Creating a key would need a fresh proof now: what is needed, in words, shown above the form with a link to confirm
    /// first (so a filled form is not lost); <c>null</c> when no step-up is needed.
    /// </summary>
    public string? ConfirmFirst { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool revoked = false, bool confirmed = false)
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn();
        }

        Show(current);
        if (revoked)
        {
            Notice = "The key was revoked. Requests signed with it are refused from now on.";
        }
        else if (confirmed)
        {
            Notice = "Confirmed: it is you. You can create a key now.";
        }

        await LoadAsync(current);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn(ended: true);
        }

        Show(current);
        if (await RefusedToAsync(current, Operations.ApiKeyCreate, "create an API key") is { } refusal)
        {
            Error = refusal;
            await LoadAsync(current);
            return Page();
        }

        var maxOrder = ApiKeyPortal.Number(MaxOrderNotional, "max_order_notional", FieldErrors);
        var maxDaily = ApiKeyPortal.Number(MaxDailyNotional, "max_daily_notional", FieldErrors);
        var perMinute = ApiKeyPortal.Whole(MaxOrdersPerMinute, "max_orders_per_minute", FieldErrors, "Write a whole number from 1 to 600, or leave it empty.");
        var days = ApiKeyPortal.Whole(ExpiresInDays, "expires_in_days", FieldErrors, "Write a whole number of days from 1 to 365.");
        if (FieldErrors.Count > 0)
        {
            await LoadAsync(current);
            return Page();
        }

        string? privateKey = null;
        string? publicKey = PublicKey;
        var algorithm = Kind;
        if (Kind == Generate)
        {
            (privateKey, publicKey) = ApiKeyPortal.GenerateEd25519();
            algorithm = "ed25519";
        }
        else if (Kind == "hmac-sha256")
        {
            publicKey = null;
        }

        var request = new NewApiKey
        {
            Name = Name,
            Algorithm = algorithm,
            PublicKey = publicKey,
            Permissions = Permissions,
            AssetClasses = AssetClasses,
            Markets = ApiKeyPortal.List(Markets),
            Symbols = ApiKeyPortal.List(Symbols),
            OrderTypes = OrderTypes,
            MaxOrderNotional = maxOrder,
            MaxDailyNotional = maxDaily,
            MaxOrdersPerMinute = perMinute,
            IpAllowlist = ApiKeyPortal.List(IpAllowlist),
            ExpiresInDays = days,
        };
        var result = await keys.CreateAsync(current.User.Id, request, HttpContext.ClientIp()?.ToString(), HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            ApiKeyPortal.AddFields(result.Error.Fields, FieldErrors);
            Error = FieldErrors.Count > 0 ? "The key was not created: fix the fields marked below." : result.Error.Message;
            await LoadAsync(current);
            return Page();
        }

        Created = new CreatedKey(ApiKeyView.From(result.Value.Key, time.GetUtcNow()), privateKey, result.Value.Secret);
        ModelState.Clear();
        (Name, Permissions, AssetClasses, Markets, Symbols, OrderTypes) = (null, ["read"], [], null, null, []);
        (MaxOrderNotional, MaxDailyNotional, MaxOrdersPerMinute, IpAllowlist, ExpiresInDays, Kind, PublicKey) = (null, null, null, null, "90", Generate, null);
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
        if (await RefusedToAsync(current, Operations.ApiKeyRevoke, "revoke an API key") is { } refusal)
        {
            Error = refusal;
            await LoadAsync(current);
            return Page();
        }

        var result = await keys.RevokeAsync(current.User.Id, id, Actors.User(current.User.Id), HttpContext.ClientIp()?.ToString(), HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            Error = result.Error.Code == ApiKeyErrors.RevokedCode
                ? "That key was already revoked. The list below is up to date."
                : "That key does not exist or is not yours. The list below is up to date.";
            await LoadAsync(current);
            return Page();
        }

        return RedirectToPage("/Security/ApiKeys", new { revoked = true });
    }

    private async Task LoadAsync(SessionContext current)
    {
        Now = time.GetUtcNow();
        var create = await policy.ExplainAsync(current, Describe(current, Operations.ApiKeyCreate), HttpContext.RequestAborted);
        ConfirmFirst = create.Decision.Kind == DecisionKind.StepUp
            ? $"Creating a key needs a fresh proof that it is you, with {StepUpFlow.FactorWords(create.Decision.StepUp)}{StepUpFlow.RecencyWords(create.Decision.StepUp)}. " +
              "Confirm it's you first, then fill in the form."
            : null;
        var (decision, _) = await policy.DecideAsync(current, Describe(current, Operations.ApiKeyRead), HttpContext.RequestAborted);
        if (decision.Kind != DecisionKind.Allow)
        {
            Error ??= PolicyResults.Detail(decision);
            Keys = [];
            return;
        }

        var list = await keys.ListAsync(current.User.Id, HttpContext.RequestAborted);
        var summaries = await usage.SummariesAsync(list, HttpContext.RequestAborted);
        Keys = list.Select(k => ApiKeyView.From(k, Now, summaries[k.Id])).ToList();
    }

    private void Show(SessionContext current) => ShowSignedIn(current, "security", "api-keys");

    /// <summary>A key just created or rotated: <see cref="PrivateKeyPem"/> (generated here) or <see cref="Secret"/> (HMAC) is shown once.</summary>
    public sealed record CreatedKey(ApiKeyView Key, string? PrivateKeyPem, string? Secret);
}
