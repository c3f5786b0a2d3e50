using Microsoft.AspNetCore.Mvc;
using Portcullis.Core.Audit;
using Portcullis.Core.Persistence;
using Portcullis.Core.Policy;
using Portcullis.Core.Protection;
using Portcullis.Core.Users;
using Portcullis.Server.Auth;

namespace Portcullis.Server.Portal.Pages.Operator;

/// <summary>
/// Operators: one user's freezes (in force and lifted in the last 30 days), freeze a capability, lift one at once, as
/// <c>GET</c>/<c>POST /api/v1/admin/users/{id}/freezes</c> and <c>…/{freeze_id}/lift</c>: the same policy operations
/// (<c>operator.freeze.read</c>, <c>operator.freeze.set</c> with the capability, <c>operator.freeze.lift</c>) and the same
/// <see cref="ProtectionService"/> calls with the operator as actor.
/// </summary>
public sealed class UserModel(ProtectionService protection, IGateStore store, TimeProvider time) : OperatorPageModel
{
    [BindProperty]
    public List<string> Capabilities { get; set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public Guid? FreezeId { get; set; }

    public User? Subject { get; private set; }

    public IReadOnlyList<Freeze> Freezes { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? done = null)
    {
        var (current, refusal) = await OperatorAsync();
        if (current is null)
        {
            return refusal!;
        }

        Notice = done switch
        {
            "frozen" => "The freeze is in force.",
            "lifted" => "The freeze was lifted.",
            _ => null,
        };
        return await ShowAsync(current, id);
    }

    public async Task<IActionResult> OnPostFreezeAsync(Guid id)
    {
        var (current, refusal) = await OperatorAsync();
        if (current is null)
        {
            return refusal!;
        }

        var parsed = ProtectionService.ParseCapabilities(Capabilities);
        var request = Describe(current, Operations.OperatorFreezeSet);
        if (parsed.IsSuccess)
        {
            request = request with { Capability = Core.Policy.Capabilities.Name(parsed.Value) };
        }

        if (Capabilities.Count == 0)
        {
            Error = "Choose at least one thing to freeze.";
        }
        else if (await RefusedAsync(current, request) is { } refused)
        {
            Error = refused;
        }
        else
        {
            var result = await protection.FreezeAsync(id, Capabilities, Reason, FreezeSource.Operator, Actors.User(current.User.Id),
                HttpContext.ClientIp()?.ToString(), HttpContext.RequestAborted);
            if (result.IsSuccess)
            {
                return RedirectToPage(new { id, done = "frozen" });
            }

            Error = result.Error.Message;
        }

        return await ShowAsync(current, id);
    }

    public async Task<IActionResult> OnPostLiftAsync(Guid id)
    {
        var (current, refusal) = await OperatorAsync();
        if (current is null)
        {
            return refusal!;
        }

        if (FreezeId is not { } freezeId)
        {
            Error = "Choose a freeze from the list.";
        }
        else if (await RefusedAsync(current, Operations.OperatorFreezeLift) is { } refused)
        {
            Error = refused;
        }
        else
        {
            var result = await protection.LiftNowAsync(id, freezeId, Actors.User(current.User.Id), HttpContext.ClientIp()?.ToString(), HttpContext.RequestAborted);
            if (result.IsSuccess)
            {
                return RedirectToPage(new { id, done = "lifted" });
            }

            Error = result.Error.Message;
        }

        return await ShowAsync(current, id);
    }

    private async Task<IActionResult> ShowAsync(Core.Sessions.SessionContext current, Guid id)
    {
        Now = time.GetUtcNow();
        await using (var unit = await store.OpenAsync(HttpContext.RequestAborted))
        {
            Subject = await unit.Users.FindAsync(id, HttpContext.RequestAborted);
        }

        if (Subject is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            Error = "There is no such user. Go back to the list of users.";
            return Page();
        }

        if (await RefusedAsync(current, Operations.OperatorFreezeRead) is { } refused)
        {
            Error ??= refused;
            return Page();
        }

        var freezes = await protection.ListUserFreezesAsync(id, HttpContext.RequestAborted);
        if (freezes.IsSuccess)
        {
            Freezes = freezes.Value;
        }
        else
        {
            Error ??= freezes.Error.Message;
        }

        return Page();
    }
}
