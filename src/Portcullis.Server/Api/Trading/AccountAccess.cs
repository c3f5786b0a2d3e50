using Portcullis.Core.Accounts;
using Portcullis.Core.Persistence;
using Portcullis.Core.Protection;
using Portcullis.Server.Auth;
using Portcullis.Server.Http;
using Portcullis.Server.Trading;

namespace Portcullis.Server.Api.Trading;

/// <summary>The trading account a request under <c>/api/v1/accounts/{accountId}</c> acts on, and the caller's role in it.</summary>
public sealed record AccountAccess(Account Account, AccountRole Role);

/// <summary>The roles that may use an account endpoint; without it, any member may.</summary>
internal sealed record AccountRoles(IReadOnlySet<AccountRole> Allowed);

/// <summary>
/// Runs after the session filter and before the policy filter on account endpoints: the caller must be a member of the
/// account in the route (a stranger's account answers 404, exactly like a missing one) with a role the endpoint allows;
/// the account's ledger account is opened on first use. The policy then decides with the account in the request.
/// </summary>
internal sealed class AccountAccessFilter(IGateStore store, SecurityStateCache cache, LedgerAccounts ledgerAccounts) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!Guid.TryParse(http.GetRouteValue("accountId") as string, out var accountId))
        {
            return Problems.Of(LedgerProblems.AccountNotFound, "No such account.");
        }

        // The caller's memberships, kept under the user's security version, which every change to them moves on.
        var user = http.CurrentUser();
        var memberships = await cache.GetAsync(user, async ct =>
        {
            await using var unit = await store.OpenAsync(ct);
            return new Memberships(await unit.Accounts.ListForUserAsync(user.Id, ct));
        }, http.RequestAborted);

        var membership = memberships.List.FirstOrDefault(m => m.Account.Id == accountId);
        if (membership.Account is null)
        {
            return Problems.Of(LedgerProblems.AccountNotFound, "No such account among yours: check the id in GET /api/v1/me.");
        }

        if (http.GetEndpoint()?.Metadata.GetMetadata<AccountRoles>() is { } roles && !roles.Allowed.Contains(membership.Role))
        {
            return Problems.Of(LedgerProblems.AccountRoleInsufficient,
                $"Your role in this account ({membership.Role.ToString().ToLowerInvariant()}) does not allow this; ask the account's owner.");
        }

        await ledgerAccounts.EnsureAsync(membership.Account, http.RequestAborted);
        http.Features.Set(new AccountAccess(membership.Account, membership.Role));
        return await next(context);
    }
}

/// <summary>A user's accounts and roles, as kept by <see cref="SecurityStateCache"/> (shared by requests: never changed).</summary>
internal sealed record Memberships(IReadOnlyList<(Account Account, AccountRole Role)> List);

internal static class AccountAccessExtensions
{
    /// <summary>The account the <see cref="AccountAccessFilter"/> admitted for this request.</summary>
    public static AccountAccess CurrentAccount(this HttpContext context) =>
        context.Features.Get<AccountAccess>() ?? throw new InvalidOperationException("This endpoint is not behind the account filter.");

    /// <summary>Session, then account membership, then the policy: the filters of every <c>/accounts/{accountId}</c> endpoint.</summary>
    public static RouteGroupBuilder RequireAccount(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter<SessionFilter>();
        group.AddEndpointFilter<AccountAccessFilter>();
        group.AddEndpointFilter<Server.Policy.PolicyFilter>();
        return group;
    }

    public static TBuilder AllowRoles<TBuilder>(this TBuilder builder, params AccountRole[] roles)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new AccountRoles(roles.ToHashSet()));
        return builder;
    }
}
