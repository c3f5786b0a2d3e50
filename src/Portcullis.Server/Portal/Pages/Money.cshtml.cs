using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Portcullis.Core.Accounts;
using Portcullis.Core.Policy;
using Portcullis.Core.Sessions;
using Portcullis.Ledger.Accounts;
using Portcullis.Ledger.Backend;
using Portcullis.Ledger.Funding;
using Portcullis.Server.Api.Trading;
using Portcullis.Server.Auth;
using Portcullis.Server.Policy;
using Portcullis.Server.Trading;

namespace Portcullis.Server.Portal.Pages;

/// <summary>
/// An account's money: cash per currency, demo deposits, withdrawal destinations (each usable only after its hold, shown
/// as a countdown) and withdrawals. Each change takes the same path as the API: membership (owner for changes, as the
/// endpoints' roles), the policy for <c>deposit.request</c> (amount), <c>destination.add</c> (name),
/// <c>destination.remove</c> (id) or <c>withdrawal.request</c> (destination and amount), then the shared
/// <see cref="TradingEndpoints"/> funding methods (ledger, audit, notification) that <c>POST /deposits</c>,
/// <c>POST</c>/<c>DELETE /destinations</c> and <c>POST /withdrawals</c> call. Each form carries its own idempotency key
/// where the API takes one, so a double submit deposits or withdraws once.
/// </summary>
public sealed class MoneyModel(AccountService accounts, LedgerAccounts ledgerAccounts, IBrokerageBackend ledger, PolicyGate policy,
    TradingAudit audit, IOptions<TradingOptions> options, TimeProvider time) : PortalPageModel
{
    public Account? Account { get; private set; }

    /// <summary>Only owners move money (as the API's endpoints); others see the account's money.</summary>
    public bool IsOwner { get; private set; }

    public string BaseCurrency => options.Value.BaseCurrency;

    [BindProperty] public string? Amount { get; set; }

    [BindProperty] public string? DestinationName { get; set; }

    [BindProperty] public string? BankAccount { get; set; }

    [BindProperty] public Guid? DestinationId { get; set; }

    [BindProperty] public string? IdempotencyKey { get; set; }

    /// <summary>Which form <see cref="Error"/> belongs to: <c>deposit</c>, <c>destination</c> or <c>withdrawal</c>.</summary>
    public string? ErrorFor { get; private set; }

    public string? Error { get; private set; }

    public string? Notice { get; private set; }

    public IReadOnlyList<CashBalance> Cash { get; private set; } = [];

    public IReadOnlyList<DestinationInfo> Destinations { get; private set; } = [];

    public IReadOnlyList<WithdrawalInfo> Withdrawals { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? accountId, string? done = null)
    {
        if (await EnterAsync(accountId) is { } refused)
        {
            return refused;
        }

        Notice = done switch
        {
            "deposit" => "The deposit was made.",
            "destination" => "The destination was saved. It can be used once its waiting period is over (shown below); every channel was told.",
            "removed" => "The destination was removed.",
            "withdrawal" => "The withdrawal was sent.",
            _ => null, // never echo the query string
        };
        return await ShowAsync(freshKey: true);
    }

    public async Task<IActionResult> OnPostDepositAsync(Guid? accountId)
    {
        if (await EnterAsync(accountId, change: true) is { } refused)
        {
            return refused;
        }

        ErrorFor = "deposit";
        var amount = Number(Amount);
        if (amount is not > 0)
        {
            Error = "Enter an amount greater than zero, e.g. 1000.";
            return await ShowAsync(freshKey: false);
        }

        var current = HttpContext.CurrentSession();
        if (await DecideAsync(current, Describe(current, Operations.DepositRequest, Account!.Id) with { Amount = amount }, "No deposit was made.") is { } stop)
        {
            return stop;
        }

        var result = await TradingEndpoints.DepositAsync(HttpContext, ledger, audit, BaseCurrency, amount!.Value, IdempotencyKey, HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            Error = $"No deposit was made: {result.Error.Message}";
            return await ShowAsync(freshKey: true);
        }

        return RedirectToPage("/Money", new { accountId = Account.Id, done = "deposit" });
    }

    public async Task<IActionResult> OnPostAddDestinationAsync(Guid? accountId)
    {
        if (await EnterAsync(accountId, change: true) is { } refused)
        {
            return refused;
        }

        ErrorFor = "destination";
        var name = DestinationName?.Trim();
        var bank = BankAccount?.Trim();
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(bank))
        {
            Error = "Give the destination a name and its bank account number.";
            return await ShowAsync(freshKey: false);
        }

        var current = HttpContext.CurrentSession();
        if (await DecideAsync(current, Describe(current, Operations.DestinationAdd, Account!.Id) with { Destination = name }, "The destination was not saved.") is { } stop)
        {
            return stop;
        }

        var result = await TradingEndpoints.AddDestinationAsync(HttpContext, ledger, audit, name, bank, HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            Error = result.Error.Code == LedgerErrors.DestinationExists
                ? "The destination was not saved: you already have one with this name or bank account."
                : $"The destination was not saved: {result.Error.Message}";
            return await ShowAsync(freshKey: false);
        }

        return RedirectToPage("/Money", new { accountId = Account.Id, done = "destination" });
    }

    public async Task<IActionResult> OnPostRemoveDestinationAsync(Guid? accountId, Guid id)
    {
        if (await EnterAsync(accountId, change: true) is { } refused)
        {
            return refused;
        }

        ErrorFor = "destination";
        var current = HttpContext.CurrentSession();
        if (await DecideAsync(current, Describe(current, Operations.DestinationRemove, Account!.Id) with { Destination = id.ToString("D") },
            "The destination was not removed.") is { } stop)
        {
            return stop;
        }

        var result = await TradingEndpoints.RemoveDestinationAsync(HttpContext, ledger, audit, id, HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            Error = "That destination was removed already or is not this account's. The list below is up to date.";
            return await ShowAsync(freshKey: true);
        }

        return RedirectToPage("/Money", new { accountId = Account.Id, done = "removed" });
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid? accountId)
    {
        if (await EnterAsync(accountId, change: true) is { } refused)
        {
            return refused;
        }

        ErrorFor = "withdrawal";
        var amount = Number(Amount);
        if (DestinationId is not { } destinationId || amount is not > 0)
        {
            Error = "Choose one of your saved destinations and enter an amount greater than zero.";
            return await ShowAsync(freshKey: false);
        }

        var current = HttpContext.CurrentSession();
        var request = Describe(current, Operations.WithdrawalRequest, Account!.Id) with { Destination = destinationId.ToString("D"), Amount = amount };
        if (await DecideAsync(current, request, "No withdrawal was made.") is { } stop)
        {
            return stop;
        }

        var result = await TradingEndpoints.WithdrawAsync(HttpContext, ledger, audit, destinationId, BaseCurrency, amount.Value, IdempotencyKey,
            HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            Error = await WithdrawalErrorAsync(result.Error, destinationId);
            return await ShowAsync(freshKey: true);
        }

        return RedirectToPage("/Money", new { accountId = Account.Id, done = "withdrawal" });
    }

    /// <summary>The policy for <paramref name="request"/>; <c>null</c> when allowed, else the page with the refusal in words.</summary>
    private async Task<IActionResult?> DecideAsync(SessionContext current, OperationRequest request, string nothingDone)
    {
        var (decision, _) = await policy.DecideAsync(current, request, HttpContext.RequestAborted);
        if (decision.Kind == DecisionKind.Allow)
        {
            return null;
        }

        OfferConfirm(decision, request.Operation);
        Error = decision.Kind == DecisionKind.StepUp
            ? $"{nothingDone} Moving money needs a fresh proof that it is you, with {StepUpFlow.FactorWords(decision.StepUp)}{StepUpFlow.RecencyWords(decision.StepUp)}. Confirm it's you with the link, then do it straight away."
            : decision.Reason == PolicyReasons.Frozen
                ? $"{nothingDone} Your account is frozen for this. To lift the freeze, open Freeze and lock under Security and press Lift: it takes a security-key confirmation and a waiting period."
                : $"{nothingDone} {PolicyResults.Detail(decision)}";
        return await ShowAsync(freshKey: false);
    }

    /// <summary>A ledger refusal of a withdrawal in words; a destination still in its hold says from when it can be used.</summary>
    private async Task<string> WithdrawalErrorAsync(LedgerError error, Guid destinationId)
    {
        if (error.Code == LedgerErrors.DestinationOnHold)
        {
            var destinations = await ledger.GetDestinationsAsync(Account!.Id, HttpContext.RequestAborted);
            if (destinations.IsSuccess && destinations.Value.FirstOrDefault(d => d.Id == destinationId) is { } held)
            {
                var left = held.UsableFrom - time.GetUtcNow();
                return $"No withdrawal was made: the destination \"{held.Name}\" was added recently and can be used from {Waits.At(held.UsableFrom)}" +
                    (left > TimeSpan.Zero ? $", in {Waits.Words(left)}" : "") + ". This waiting period protects you if someone else added it; try again then.";
            }
        }

        return error.Code switch
        {
            LedgerErrors.DestinationNotFound => "No withdrawal was made: that destination was removed. Choose another one.",
            _ => $"No withdrawal was made: {error.Message}",
        };
    }

    /// <summary>The session, then membership (a stranger's account is "not found", as in the API); changes need the owner role.</summary>
    private async Task<IActionResult?> EnterAsync(Guid? accountId, bool change = false)
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return change ? ToSignIn(ended: true) : ToSignIn();
        }

        ShowSignedIn(current, "money");
        if (current.Session.PasswordChangeRequired || current.Session.FactorEnrollmentRequired)
        {
            return RedirectToPage("/Index");
        }

        var memberships = await accounts.ListForUserAsync(current.User.Id, HttpContext.RequestAborted);
        if (accountId is null)
        {
            var first = memberships.FirstOrDefault(m => m.Role == AccountRole.Owner);
            if (first.Account is null && memberships.Count > 0)
            {
                first = memberships[0];
            }

            return first.Account is null ? RedirectToPage("/Index") : RedirectToPage("/Money", new { accountId = first.Account.Id });
        }

        var membership = memberships.FirstOrDefault(m => m.Account.Id == accountId);
        if (membership.Account is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            Error = "There is no such account among yours. Choose one of your accounts on the dashboard.";
            return Page();
        }

        Account = membership.Account;
        IsOwner = membership.Role == AccountRole.Owner;
        if (change && !IsOwner)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            Error = $"Your role in this account ({membership.Role.ToString().ToLowerInvariant()}) does not allow moving money; ask the account's owner.";
            return Page();
        }

        await ledgerAccounts.EnsureAsync(membership.Account, HttpContext.RequestAborted);
        HttpContext.Features.Set(current);
        HttpContext.Features.Set(new AccountAccess(membership.Account, membership.Role));
        return null;
    }

    private static decimal? Number(string? text) =>
        decimal.TryParse(text?.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;

    private async Task<IActionResult> ShowAsync(bool freshKey)
    {
        if (freshKey || string.IsNullOrEmpty(IdempotencyKey))
        {
            IdempotencyKey = Guid.NewGuid().ToString("N");
        }

        Now = time.GetUtcNow();
        var current = HttpContext.CurrentSession();
        if (await RefusedAsync(current, Operations.PortfolioRead, Account!.Id) is { } refusal)
        {
            Error ??= refusal;
            return Page();
        }

        var portfolio = await ledger.GetPortfolioAsync(Account.Id, HttpContext.RequestAborted);
        var destinations = await ledger.GetDestinationsAsync(Account.Id, HttpContext.RequestAborted);
        var withdrawals = await ledger.GetWithdrawalsAsync(Account.Id, HttpContext.RequestAborted);
        Cash = portfolio.IsSuccess ? portfolio.Value.Cash : [];
        Destinations = destinations.IsSuccess ? destinations.Value.Where(d => d.RemovedAt is null).ToList() : [];
        Withdrawals = withdrawals.IsSuccess ? withdrawals.Value.Take(50).ToList() : [];
        if (!portfolio.IsSuccess || !destinations.IsSuccess || !withdrawals.IsSuccess)
        {
            Error ??= "The ledger could not show this account's money. Reload the page in a moment.";
        }

        return Page();
    }
}
