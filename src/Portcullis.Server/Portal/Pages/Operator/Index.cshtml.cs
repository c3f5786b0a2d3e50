using Microsoft.AspNetCore.Mvc;
using Portcullis.Core.Accounts;
using Portcullis.Core.Audit;
using Portcullis.Core.Persistence;
using Portcullis.Core.Policy;
using Portcullis.Core.Users;

namespace Portcullis.Server.Portal.Pages.Operator;

/// <summary>
/// Operators: the users (searchable; disable or enable, as <c>portcullis user disable|enable</c> does through
/// <see cref="UserService"/>, audited with the operator as actor) and the trading accounts with their members.
/// Reading asks the policy for <c>operator.users.read</c>, a change for <c>operator.users.change</c>.
/// </summary>
public sealed class IndexModel(UserService users, IGateStore store) : OperatorPageModel
{
    [FromQuery(Name = "q")]
    public string? Query { get; set; }

    [BindProperty]
    public string? Username { get; set; }

    public IReadOnlyList<User> Users { get; private set; } = [];

    public IReadOnlyList<AccountRow> Accounts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? done = null, string? who = null)
    {
        var (current, refusal) = await OperatorAsync();
        if (current is null)
        {
            return refusal!;
        }

        if (await RefusedAsync(current, Operations.OperatorUsersRead) is { } refused)
        {
            Error = refused;
            return Page();
        }

        await LoadAsync();

        // The notice names the user only as the store has them, never the query string's text.
        var changed = who is null
            ? null
            : (await users.ListAsync(HttpContext.RequestAborted)).FirstOrDefault(u => string.Equals(u.Username, who, StringComparison.Ordinal));
        Notice = (done, changed) switch
        {
            ("disabled", { IsActive: false } user) => $"{user.Username} was disabled and every one of their sessions signed out.",
            ("enabled", { IsActive: true } user) => $"{user.Username} may sign in again.",
            _ => null,
        };
        return Page();
    }

    public Task<IActionResult> OnPostDisableAsync() => ChangeAsync(disable: true);

    public Task<IActionResult> OnPostEnableAsync() => ChangeAsync(disable: false);

    private async Task<IActionResult> ChangeAsync(bool disable)
    {
        var (current, refusal) = await OperatorAsync();
        if (current is null)
        {
            return refusal!;
        }

        if (string.IsNullOrWhiteSpace(Username))
        {
            Error = "Choose a user from the list.";
        }
        else if (disable && string.Equals(Username, current.User.Username, StringComparison.Ordinal))
        {
            Error = "You cannot disable your own account here. Ask another operator, or use portcullis user disable.";
        }
        else if (await RefusedAsync(current, Operations.OperatorUsersChange) is { } refused)
        {
            Error = refused;
        }
        else
        {
            var actor = Actors.User(current.User.Id);
            var result = disable
                ? await users.DisableAsync(Username, actor, HttpContext.RequestAborted)
                : await users.EnableAsync(Username, actor, HttpContext.RequestAborted);
            if (result.IsSuccess)
            {
                return RedirectToPage(new { done = disable ? "disabled" : "enabled", who = result.Value.Username });
            }

            Error = result.Error.Code == UserErrors.NotFoundCode ? "There is no such user any more. Reload the list." : result.Error.Message;
        }

        if (await RefusedAsync(current, Operations.OperatorUsersRead) is null)
        {
            await LoadAsync();
        }

        return Page();
    }

    private async Task LoadAsync()
    {
        var all = await users.ListAsync(HttpContext.RequestAborted);
        var q = Query?.Trim();
        Users = string.IsNullOrEmpty(q)
            ? all
            : all.Where(u => u.Username.Contains(q, StringComparison.OrdinalIgnoreCase) || u.DisplayName.Contains(q, StringComparison.OrdinalIgnoreCase)).ToList();

        await using var unit = await store.OpenAsync(HttpContext.RequestAborted);
        var names = all.ToDictionary(u => u.Id, u => u.Username);
        Accounts = (await unit.Accounts.ListAllWithMembersAsync(HttpContext.RequestAborted))
            .Select(a => new AccountRow(a.Account,
                a.Members.Select(m => $"{names.GetValueOrDefault(m.UserId, m.UserId.ToString())} ({m.Role.ToString().ToLowerInvariant()})").ToList()))
            .ToList();
    }

    public sealed record AccountRow(Account Account, IReadOnlyList<string> Members);
}
