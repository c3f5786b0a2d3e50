using Microsoft.AspNetCore.Mvc;
using Portcullis.Core.Accounts;
using Portcullis.Core.Audit;
using Portcullis.Core.Persistence;
using Portcullis.Core.Policy;
using Portcullis.Ledger.Accounts;
using Portcullis.Ledger.Backend;
using Portcullis.Server.Policy;
using Portcullis.Server.Trading;

namespace Portcullis.Server.Portal.Pages;

/// <summary>
/// The dashboard: each of the user's trading accounts with cash per currency and positions, read from the ledger backend
/// after the policy allowed <c>portfolio.read</c> for that account, exactly as <c>GET /api/v1/accounts/{id}/portfolio</c>;
/// then the user's most recent activity (the activity log's first rows, after <c>activity_report.read</c>).
/// </summary>
public sealed class IndexModel(AccountService accounts, LedgerAccounts ledgerAccounts, IBrokerageBackend ledger, PolicyGate policy, IGateStore store)
    : PortalPageModel
{
    /// <summary>How many events "Recent activity" shows.</summary>
    public const int RecentCount = 5;

    /// <summary>The newest events of the user, or empty.</summary>
    public IReadOnlyList<AuditEvent> Recent { get; private set; } = [];

    /// <summary>Why the recent activity cannot be shown, or <c>null</c>.</summary>
    public string? RecentRefused { get; private set; }

    /// <summary>The viewer as the audit log names them, so that their own actions read "you".</summary>
    public string Viewer { get; private set; } = "";

    public string DisplayName { get; private set; } = "";

    public IReadOnlyList<AccountSummary> Accounts { get; private set; } = [];

    /// <summary>Shown once after the password was changed.</summary>
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool changed = false)
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn();
        }

        DisplayName = current.User.DisplayName;
        ShowSignedIn(current, "dashboard");
        Notice = changed ? "Your password was changed. Your other sessions were signed out." : null;
        if (current.Session.PasswordChangeRequired)
        {
            return RedirectToPage("/Password");
        }

        if (current.Session.FactorEnrollmentRequired)
        {
            return RedirectToPage("/Security/Factors"); // a session opened with a recovery code enrols a new factor first
        }

        var summaries = new List<AccountSummary>();
        foreach (var (account, role) in await accounts.ListForUserAsync(current.User.Id, HttpContext.RequestAborted))
        {
            await ledgerAccounts.EnsureAsync(account, HttpContext.RequestAborted);
            var (decision, reservation) = await policy.DecideAsync(current, Describe(current, Operations.PortfolioRead, account.Id),
                HttpContext.RequestAborted);
            if (decision.Kind != DecisionKind.Allow)
            {
                summaries.Add(new AccountSummary(account, role, null, PolicyResults.Detail(decision)));
                continue;
            }

            var portfolio = await ledger.GetPortfolioAsync(account.Id, HttpContext.RequestAborted);
            if (!portfolio.IsSuccess && reservation is { } unused)
            {
                await policy.ReleaseAsync(unused);
            }

            summaries.Add(portfolio.IsSuccess
                ? new AccountSummary(account, role, portfolio.Value, null)
                : new AccountSummary(account, role, null, $"The ledger could not show this account ({portfolio.Error.Code}). Reload the page in a moment."));
        }

        Accounts = summaries;
        Viewer = Actors.User(current.User.Id);
        RecentRefused = await RefusedAsync(current, Operations.ActivityReportRead);
        if (RecentRefused is null)
        {
            await using var unit = await store.OpenAsync(HttpContext.RequestAborted);
            Recent = await unit.Audit.ListPageAsync(new AuditPageQuery { UserId = current.User.Id, Limit = RecentCount }, HttpContext.RequestAborted);
        }

        return Page();
    }

    /// <summary>One account on the dashboard: its portfolio, or why it cannot be shown and what to do.</summary>
    public sealed record AccountSummary(Account Account, AccountRole Role, Portfolio? Portfolio, string? Problem);
}
