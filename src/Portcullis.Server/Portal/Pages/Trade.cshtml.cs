using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Portcullis.Core.Accounts;
using Portcullis.Core.Audit;
using Portcullis.Core.Factors;
using Portcullis.Core.Holds;
using Portcullis.Core.Policy;
using Portcullis.Core.Sessions;
using Portcullis.Ledger.Backend;
using Portcullis.Ledger.Instruments;
using Portcullis.Ledger.Orders;
using Portcullis.Server.Api.Trading;
using Portcullis.Server.Auth;
using Portcullis.Server.Policy;
using Portcullis.Server.Trading;

namespace Portcullis.Server.Portal.Pages;

/// <summary>
/// The order ticket, the account's orders (cancel per open order) and its recent fills. Placing and cancelling take the
/// same path as <c>POST</c>/<c>DELETE /api/v1/accounts/{id}/orders</c>: account membership and role, the policy for
/// <c>order.place</c> (with the order's notional, instrument, asset class and market, described by the API's own helper) or
/// <c>order.cancel</c>, the ledger, then the audit and the trade confirmation. Each rendered ticket carries its own
/// idempotency key, so a double submit never places twice.
/// A step-up answer keeps the ticket (and its key) and offers the step-up in place, through the same flow as
/// <c>POST /api/v1/session/step-up</c> and its factor steps; once proven, "Place order" on the kept ticket places it. A hold
/// answer holds the order for approval as the API does.
/// </summary>
public sealed class TradeModel(AccountService accounts, LedgerAccounts ledgerAccounts, IBrokerageBackend ledger, PolicyGate policy,
    TradingAudit audit, TradeConfirmations confirmations, StepUpFlow stepUps, HeldOperationService holds) : PortalPageModel
{
    private static readonly AccountRole[] Traders = [AccountRole.Owner, AccountRole.Trader];

    public Account? Account { get; private set; }

    [BindProperty] public string? Symbol { get; set; }
    [BindProperty] public string Side { get; set; } = "buy";
    [BindProperty] public string Type { get; set; } = "market";
    [BindProperty] public string? Quantity { get; set; }
    [BindProperty] public string? LimitPrice { get; set; }
    [BindProperty] public string? StopPrice { get; set; }
    [BindProperty] public string TimeInForce { get; set; } = "day";
    [BindProperty] public string? IdempotencyKey { get; set; }

    /// <summary>The step-up flow's handle (a hidden field, as an API client holds it).</summary>
    [BindProperty] public string? Flow { get; set; }

    [BindProperty] public string? Code { get; set; }

    [BindProperty] public string? Credential { get; set; }

    /// <summary>The step-up offered in place of the order: why, and with which factors; <c>null</c> when none is asked.</summary>
    public StepUpPrompt? StepUp { get; private set; }

    /// <summary>The order was refused because trading is frozen (the page links to where the freeze is lifted).</summary>
    public bool Frozen { get; private set; }

    /// <summary>The order held for approval, or <c>null</c>.</summary>
    public HeldOperation? Held { get; private set; }

    /// <summary>What is wrong with each field, in words, keyed by the field's name.</summary>
    public Dictionary<string, string> FieldErrors { get; } = new(StringComparer.Ordinal);

    /// <summary>Why the order or cancel did not go through (the policy's or ledger's words), or <c>null</c>.</summary>
    public string? Error { get; private set; }

    /// <summary>What happened, shown once.</summary>
    public string? Notice { get; private set; }

    public IReadOnlyList<OrderInfo> Orders { get; private set; } = [];

    public IReadOnlyList<FillInfo> Fills { get; private set; } = [];

    public IReadOnlyList<Instrument> Instruments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? accountId, string? placed = null, bool cancelled = false)
    {
        if (await EnterAsync(accountId) is { } refused)
        {
            return refused;
        }

        Notice = placed switch
        {
            "filled" => "Your order was placed and filled.",
            "open" => "Your order was placed and is open: it waits for its price.",
            null => cancelled ? "The order was cancelled." : null,
            _ => "Your order was placed; see its status below.", // never echo the query string: a crafted link could put words on the page
        };
        return await ShowAsync(freshKey: true);
    }

    public async Task<IActionResult> OnPostAsync(Guid? accountId)
    {
        if (await EnterAsync(accountId) is { } refused)
        {
            return refused;
        }

        var order = Validate();
        if (order is null)
        {
            return await ShowAsync(freshKey: false);
        }

        var current = HttpContext.CurrentSession();
        var request = await TradingEndpoints.WithNotionalAsync(HttpContext, Describe(current, Operations.OrderPlace), order);
        var (decision, reservation) = await policy.DecideAsync(current, request, HttpContext.RequestAborted);
        switch (decision.Kind)
        {
            case DecisionKind.StepUp:
                return await OfferStepUpAsync(current, decision, request);
            case DecisionKind.Hold:
                return await HoldAsync(request, decision, order);
            case DecisionKind.Allow:
                break;
            default:
                Frozen = decision.Reason == PolicyReasons.Frozen;
                Error = Frozen
                    ? "The order was not placed: your account is frozen for trading, so no order can be placed until the freeze is lifted. " +
                      "To lift it, open Freeze and lock under Security and press Lift: it takes a security-key confirmation and a waiting period."
                    : $"The order was not placed. {PolicyResults.Detail(decision)}";
                return await ShowAsync(freshKey: false);
        }

        // Placing gives the reserved cap use back unless it places a new order (a refusal, or a resent ticket after a reload).
        CapReservation.Keep(HttpContext, reservation);
        var result = await TradingEndpoints.PlaceAsync(HttpContext, ledger, audit, confirmations, order, IdempotencyKey, HttpContext.RequestAborted);
        if (!result.IsSuccess)
        {
            // Nothing was placed: the corrected ticket gets a key of its own (the ledger would refuse a changed order under this one).
            ShowLedgerError(result.Error);
            return await ShowAsync(freshKey: true);
        }

        return RedirectToPage("/Trade", new { accountId = Account!.Id, placed = LedgerNames.Of(result.Value.Status) });
    }

    /// <summary>Finishes the in-place step-up with an authenticator-app code, as <c>POST /api/v1/sign-in/totp</c>.</summary>
    public async Task<IActionResult> OnPostStepUpTotpAsync(Guid? accountId)
    {
        if (await EnterAsync(accountId) is { } refused)
        {
            return refused;
        }

        return await ProvedAsync(await stepUps.ProveTotpAsync(HttpContext, Flow, Code));
    }

    /// <summary>Finishes the in-place step-up with a security key's assertion, as <c>POST /api/v1/sign-in/webauthn</c>.</summary>
    public async Task<IActionResult> OnPostStepUpKeyAsync(Guid? accountId)
    {
        if (await EnterAsync(accountId) is { } refused)
        {
            return refused;
        }

        return await ProvedAsync(await stepUps.ProveKeyAsync(HttpContext, Flow, Credential));
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid? accountId, Guid orderId)
    {
        if (await EnterAsync(accountId) is { } refused)
        {
            return refused;
        }

        var (decision, _) = await policy.DecideAsync(HttpContext.CurrentSession(), Describe(HttpContext.CurrentSession(), Operations.OrderCancel),
            HttpContext.RequestAborted);
        if (decision.Kind != DecisionKind.Allow)
        {
            Error = PolicyResults.Detail(decision);
            return await ShowAsync(freshKey: true);
        }

        var cancelled = await ledger.CancelOrderAsync(Account!.Id, orderId, HttpContext.RequestAborted);
        if (!cancelled.IsSuccess)
        {
            Error = cancelled.Error.Code == LedgerErrors.OrderNotOpen
                ? "That order is no longer open (it filled, expired or was cancelled already)."
                : $"The order could not be cancelled: {cancelled.Error.Message}";
            return await ShowAsync(freshKey: true);
        }

        await audit.WriteAsync(HttpContext, AuditEventTypes.OrderCancelled, TradingEndpoints.OrderData(cancelled.Value), HttpContext.RequestAborted);
        return RedirectToPage("/Trade", new { accountId = Account.Id, cancelled = true });
    }

    /// <summary>The session, then membership with a trading role (a stranger's account is "not found", as in the API).</summary>
    private async Task<IActionResult?> EnterAsync(Guid? accountId)
    {
        if (await CurrentSessionAsync() is not { } current)
        {
            return ToSignIn();
        }

        ShowSignedIn(current, "trade");
        if (current.Session.PasswordChangeRequired || current.Session.FactorEnrollmentRequired)
        {
            return RedirectToPage("/Index");
        }

        var memberships = await accounts.ListForUserAsync(current.User.Id, HttpContext.RequestAborted);
        if (accountId is null)
        {
            // From the navigation: the first account this user may trade in, else the dashboard that says why there is none.
            var first = memberships.FirstOrDefault(m => Traders.Contains(m.Role));
            return first.Account is null ? RedirectToPage("/Index") : RedirectToPage("/Trade", new { accountId = first.Account.Id });
        }

        var membership = memberships.FirstOrDefault(m => m.Account.Id == accountId);
        if (membership.Account is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            Error = "There is no such account among yours. Choose one of your accounts on the dashboard.";
            return Page();
        }

        if (!Traders.Contains(membership.Role))
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            Error = $"Your role in this account ({membership.Role.ToString().ToLowerInvariant()}) does not allow trading; ask the account's owner.";
            return Page();
        }

        Account = membership.Account;

        await ledgerAccounts.EnsureAsync(membership.Account, HttpContext.RequestAborted);
        HttpContext.Features.Set(current);
        HttpContext.Features.Set(new AccountAccess(membership.Account, membership.Role));
        return null;
    }

    private OperationRequest Describe(SessionContext current, string operation) => new()
    {
        Operation = operation,
        UserId = current.User.Id,
        Initiator = InitiatorKind.Session,
        SourceIp = HttpContext.ClientIp(),
        AccountId = Account!.Id,
    };

    /// <summary>The form as an order, or <c>null</c> with <see cref="FieldErrors"/> saying what to fix.</summary>
    private OrderRequest? Validate()
    {
        Symbol = Symbol?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(Symbol))
        {
            FieldErrors["symbol"] = "Enter the instrument's symbol, e.g. AAPL.";
        }

        if (Side is not ("buy" or "sell"))
        {
            FieldErrors["side"] = "Choose buy or sell.";
        }

        if (Type is not ("market" or "limit" or "stop" or "stop_limit"))
        {
            FieldErrors["type"] = "Choose market, limit, stop or stop limit.";
        }

        if (TimeInForce is not ("day" or "gtc"))
        {
            FieldErrors["time_in_force"] = "Choose day or good till cancelled.";
        }

        var quantity = Number(Quantity);
        if (quantity is not > 0)
        {
            FieldErrors["quantity"] = "Enter a quantity greater than zero.";
        }

        var limit = Number(LimitPrice);
        var stop = Number(StopPrice);
        if (Type is "limit" or "stop_limit" && limit is not > 0)
        {
            FieldErrors["limit_price"] = "A limit order needs a limit price greater than zero.";
        }

        if (Type is "stop" or "stop_limit" && stop is not > 0)
        {
            FieldErrors["stop_price"] = "A stop order needs a stop price greater than zero.";
        }

        return FieldErrors.Count > 0 ? null : new OrderRequest(Symbol!, Side, Type, quantity!.Value,
            Type is "limit" or "stop_limit" ? limit : null, Type is "stop" or "stop_limit" ? stop : null, TimeInForce);
    }

    private static decimal? Number(string? text) =>
        decimal.TryParse(text?.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A ledger refusal next to the field it is about, else above the form.</summary>
    private void ShowLedgerError(LedgerError error)
    {
        var field = error.Code switch
        {
            LedgerErrors.UnknownInstrument or LedgerErrors.InvalidInstrument or LedgerErrors.PriceUnavailable => "symbol",
            LedgerErrors.InvalidQuantity or LedgerErrors.LotSize or LedgerErrors.InsufficientBuyingPower or LedgerErrors.InsufficientPosition
                or LedgerErrors.NotionalTooLarge => "quantity",
            LedgerErrors.InvalidPrice or LedgerErrors.OffTick => Type is "stop" ? "stop_price" : "limit_price",
            _ => null,
        };
        var words = error.Code == LedgerErrors.UnknownInstrument
            ? $"There is no instrument {Symbol}. Pick one of the symbols listed below the form."
            : error.Message;
        if (field is null)
        {
            Error = $"The order was not placed: {words}";
        }
        else
        {
            FieldErrors[field] = words;
        }
    }

    /// <summary>
    /// The policy asks for a fresher or stronger proof: keep the ticket and its key, say why in words (the amount, the rule,
    /// the factor, how recent), and start a step-up flow of this session (the policy's <c>session.step_up</c> first, as the API).
    /// </summary>
    private async Task<IActionResult> OfferStepUpAsync(SessionContext current, Decision decision, OperationRequest request)
    {
        Error = "The order was not placed yet: " + StepUpReason(decision, request);
        var started = await stepUps.StartAsync(HttpContext, current, Describe(current, Operations.SessionStepUp));
        if (started.Error is not null)
        {
            Error += " " + started.Error;
            return await ShowAsync(freshKey: false);
        }

        Flow = started.Flow;
        return await StepUpPageAsync(started.Factors, decision.StepUp);
    }

    /// <summary>The step-up part of the page for the flow in <see cref="Flow"/>: the factors the policy accepts that this page can take.</summary>
    private async Task<IActionResult> StepUpPageAsync(IReadOnlyList<Factor> factors, StepUpRequirement? requirement)
    {
        StepUp = await stepUps.PromptAsync(Flow, factors, requirement, HttpContext.RequestAborted);
        Code = null;
        Credential = null;
        if (!StepUp.SecurityKey && !StepUp.Totp)
        {
            Error += " " + StepUpFlow.NothingToOffer;
        }

        return await ShowAsync(freshKey: false);
    }

    private async Task<IActionResult> ProvedAsync(StepUpProof proof)
    {
        switch (proof.Outcome)
        {
            case StepUpOutcome.Confirmed:
                Flow = null;
                Notice = "Confirmed: it is you. Your order has not been placed yet: check the ticket below and press \"Place order\".";
                return await ShowAsync(freshKey: false);
            case StepUpOutcome.OtherSignIn:
                Error = proof.Error + " Press \"Place order\" again to start a new one.";
                Flow = null;
                return await ShowAsync(freshKey: false);
            default:
                return await StepUpFailedAsync(proof.Error!);
        }
    }

    /// <summary>Shows the step-up again with <paramref name="error"/>, or the kept ticket alone when the flow is over.</summary>
    private async Task<IActionResult> StepUpFailedAsync(string error)
    {
        var (factors, over) = await stepUps.FactorsAsync(Flow, HttpContext.RequestAborted);
        if (factors is null)
        {
            Error = over + " Your ticket is kept: press \"Place order\" to start again.";
            Flow = null;
            return await ShowAsync(freshKey: false);
        }

        Error = error;
        var order = Validate();
        var requirement = order is null ? null : await CurrentRequirementAsync(order);
        return await StepUpPageAsync(factors, requirement);
    }

    /// <summary>What the policy would ask for the kept order now (the proof classes to offer again after a failed attempt).</summary>
    private async Task<StepUpRequirement?> CurrentRequirementAsync(OrderRequest order)
    {
        var current = HttpContext.CurrentSession();
        var request = await TradingEndpoints.WithNotionalAsync(HttpContext, Describe(current, Operations.OrderPlace), order);
        var explanation = await policy.ExplainAsync(current, request, HttpContext.RequestAborted);
        return explanation.Decision.StepUp;
    }

    /// <summary>Holds the order for approval, as the API's hold of <c>order.place</c> (the same payload and summary).</summary>
    private async Task<IActionResult> HoldAsync(OperationRequest request, Decision decision, OrderRequest order)
    {
        var unavailable = "The order was not placed: it needs an approval from one of your authenticators, and none can approve it. " +
            "Add an authenticator app with push under Security, or ask an operator.";
        if (!holds.CanHold(Operations.OrderPlace))
        {
            Error = unavailable;
            return await ShowAsync(freshKey: false);
        }

        var payload = TradingEndpoints.HeldOrderPayload(Account!, order, IdempotencyKey);
        var current = HttpContext.CurrentSession();
        var placed = await holds.HoldAsync(request, decision, payload.PayloadJson, payload.Summary, Actors.Session(current.Session.Id),
            HttpContext.RequestAborted);
        if (!placed.IsSuccess)
        {
            Error = placed.Error.Code == HeldOperationErrors.NoApproverCode ? unavailable : $"The order was not held: {placed.Error.Message}";
            return await ShowAsync(freshKey: false);
        }

        Held = placed.Value.Operation;
        return await ShowAsync(freshKey: true);
    }

    /// <summary>Why the policy asks for a step-up, in words: the amount, the rule, the factor and how recent.</summary>
    private static string StepUpReason(Decision decision, OperationRequest request)
    {
        var amount = request.Notional is { } n ? string.Create(CultureInfo.InvariantCulture, $"this order ({n:N2} in the account's currency)") : "this order";
        var rule = decision.Rule is null ? "" : $" (rule \"{decision.Rule}\")";
        var factor = StepUpFlow.FactorWords(decision.StepUp);
        var recent = StepUpFlow.RecencyWords(decision.StepUp);
        var why = decision.Reason switch
        {
            PolicyReasons.ProofTooOld => $"{amount} needs a fresher proof that it is you: your last confirmation is too old{rule}.",
            PolicyReasons.IdleTimeout => $"you have been idle, and {amount} needs a fresher proof that it is you.",
            _ => $"{amount} needs a fresher proof that it is you, as your account's policy{rule} asks.",
        };
        return $"{why} Confirm it is you with {factor}{recent}. Your ticket is kept: confirm below, then press \"Place order\" once more.";
    }

    private async Task<IActionResult> ShowAsync(bool freshKey)
    {
        if (freshKey || string.IsNullOrEmpty(IdempotencyKey))
        {
            IdempotencyKey = Guid.NewGuid().ToString("N");
        }

        var (decision, _) = await policy.DecideAsync(HttpContext.CurrentSession(), Describe(HttpContext.CurrentSession(), Operations.PortfolioRead),
            HttpContext.RequestAborted);
        if (decision.Kind != DecisionKind.Allow)
        {
            Error ??= PolicyResults.Detail(decision);
            return Page();
        }

        var orders = await ledger.GetOrdersAsync(Account!.Id, false, HttpContext.RequestAborted);
        var fills = await ledger.GetFillsAsync(Account.Id, 0, HttpContext.RequestAborted);
        Orders = orders.IsSuccess ? orders.Value.Take(50).ToList() : [];
        Fills = fills.IsSuccess ? fills.Value.Reverse().Take(50).ToList() : [];
        Instruments = await ledger.GetInstrumentsAsync(HttpContext.RequestAborted);
        if (!orders.IsSuccess || !fills.IsSuccess)
        {
            Error ??= "The ledger could not show this account's orders. Reload the page in a moment.";
        }

        return Page();
    }
}
