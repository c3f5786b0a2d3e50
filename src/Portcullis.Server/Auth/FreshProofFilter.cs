using Portcullis.Core.Factors;
using Portcullis.Core.Persistence;
using Portcullis.Server.Http;

namespace Portcullis.Server.Auth;

/// <summary>
/// For security changes outside the factors themselves (where notifications go, which are sent): the same rule as
/// for enrolling a factor, a second-factor proof in this session within <c>Factors:FreshProofWindow</c> (a recent
/// password for a user without a strong factor). A stolen session cannot quietly redirect or mute the alerts.
/// </summary>
internal sealed class FreshProofFilter(IGateStore store, FactorRules rules) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var current = http.CurrentSession();
        IReadOnlyList<Factor> factors;
        await using (var unit = await store.OpenAsync(http.RequestAborted))
        {
            factors = await unit.Factors.ListForUserAsync(current.User.Id, http.RequestAborted);
        }

        var fresh = rules.RequireFreshProof(current.Session, factors);
        return fresh.IsSuccess ? await next(context) : Problems.From(fresh.Error!);
    }
}
