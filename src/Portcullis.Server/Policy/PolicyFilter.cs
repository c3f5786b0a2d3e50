using System.Globalization;
using Portcullis.Core.ApiKeys;
using Portcullis.Core.Audit;
using Portcullis.Core.Holds;
using Portcullis.Core.Policy;
using Portcullis.Server.Api.Holds;
using Portcullis.Server.Auth;
using Portcullis.Server.Auth.ApiKeys;
using Portcullis.Server.Http;

namespace Portcullis.Server.Policy;

/// <summary>
/// Runs after the session filter on every authenticated endpoint: describes the request as its operation
/// (<see cref="OperationMetadata"/>), asks the policy, and answers a refusal, a step-up challenge (RFC 9470) or a
/// hold itself. An authenticated endpoint without an operation is refused: a missing mapping must fail closed.
/// A hold is stored as a held operation and answered 202 (docs/holds.md) when the endpoint says how to store its
/// arguments (<see cref="OperationMetadata.Hold"/>) and an executor can run it; otherwise it is refused as
/// <c>policy.approval_unavailable</c>.
/// </summary>
internal sealed class PolicyFilter(PolicyGate gate, HeldOperationService holds, SignedRequestAuthenticator signed) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var metadata = http.GetEndpoint()?.Metadata.GetMetadata<OperationMetadata>();
        if (metadata is null)
        {
            return PolicyResults.Refused(new Decision(DecisionKind.Deny, PolicyReasons.DefaultDeny, null, null));
        }

        if (http.Features.Get<ApiKeyRequest>() is { } keyed)
        {
            return await KeyedAsync(context, next, metadata, keyed);
        }

        var current = http.CurrentSession();
        var request = new OperationRequest
        {
            Operation = metadata.Operation,
            UserId = current.User.Id,
            Initiator = InitiatorKind.Session,
            SourceIp = http.ClientIp(),
        };
        if (metadata.Describe is { } describe)
        {
            request = describe(context, request);
        }

        if (metadata.DescribeAsync is { } describeAsync)
        {
            request = await describeAsync(context, request);
        }

        var (decision, reservation) = await gate.DecideAsync(current, request, http.RequestAborted);
        return decision.Kind switch
        {
            DecisionKind.Allow => reservation is { } use ? await RunCountedAsync(context, next, use) : await next(context),
            DecisionKind.StepUp => PolicyResults.StepUp(decision),
            DecisionKind.Hold => await HoldAsync(context, metadata, request, decision, Actors.Session(current.Session.Id)),
            _ => PolicyResults.Refused(decision),
        };
    }

    /// <summary>
    /// A request signed with an API key (its signature, address and permission already checked by the session filter): the
    /// key's scopes and limits as attributes, then the policy with the key as initiator (docs/api-keys.md). Only reads and
    /// orders ever run; anything else the policy allows is refused, and what it holds waits for a person's approval.
    /// </summary>
    private async Task<object?> KeyedAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, OperationMetadata metadata,
        ApiKeyRequest keyed)
    {
        var http = context.HttpContext;
        var request = new OperationRequest
        {
            Operation = metadata.Operation,
            UserId = keyed.Key.UserId,
            Initiator = InitiatorKind.ApiKey,
            SourceIp = http.ClientIp(),
        };
        if (metadata.Describe is { } describe)
        {
            request = describe(context, request);
        }

        if (metadata.DescribeAsync is { } describeAsync)
        {
            request = await describeAsync(context, request);
        }

        var order = ApiKeyRequestCheck.IsOrder(request.Operation);
        var refusal = ApiKeyRequestCheck.CheckScopes(keyed.Key, request)
            ?? (order ? await signed.CountOrderAsync(keyed, request.Notional, http.RequestAborted) : null);
        if (refusal is not null)
        {
            await signed.CountDenialAsync(http, keyed, refusal.Code);
            return Problems.From(refusal);
        }

        // From here an order's notional is reserved in its usage row: every way out that does not place it gives it back.
        GateDecision decided;
        try
        {
            decided = await gate.DecideForKeyAsync(keyed.Key, keyed.User, request, http.RequestAborted);
        }
        catch (Exception) when (order)
        {
            await signed.RecordOutcomeAsync(keyed, ProblemCatalog.ServerError);
            throw;
        }

        var (decision, reservation) = decided;
        if (decision.Kind == DecisionKind.Allow && ApiKeyRequestCheck.IsKeyOperation(request.Operation))
        {
            if (order)
            {
                return await RunOrderAsync(context, next, reservation, keyed);
            }

            return reservation is { } use ? await RunCountedAsync(context, next, use) : await next(context);
        }

        if (decision.Kind == DecisionKind.Hold)
        {
            var held = await HoldAsync(context, metadata, request, decision, Actors.ApiKey(keyed.Key.KeyId));
            if (held is IProblemResult problem)
            {
                await signed.CountDenialAsync(http, keyed, problem.Code);
            }
            else
            {
                await signed.RecordOutcomeAsync(keyed, ApiKeyUsage.Held);
            }

            return held;
        }

        if (reservation is { } unused)
        {
            await gate.ReleaseAsync(unused);
        }

        // A step-up cannot be answered by a key; an allowed operation a key may never run is refused all the same.
        var answer = decision.Kind == DecisionKind.Allow ? Problems.From(ApiKeyRequestErrors.OperationNotAllowed())
            : PolicyResults.Refused(decision with { Kind = DecisionKind.Deny });
        await signed.CountDenialAsync(http, keyed, ((IProblemResult)answer).Code);
        return answer;
    }

    /// <summary>
    /// Runs a key's order the policy allowed. Unless it succeeds (a 2xx answer) with a new order (not an idempotent replay), the
    /// notional it reserved against the key's daily notional is given back (its usage row gets the answer's code); the
    /// policy's own cap reservation is given back as <see cref="RunCountedAsync"/> says.
    /// </summary>
    private async Task<object?> RunOrderAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, Guid? reservation, ApiKeyRequest keyed)
    {
        object? result;
        try
        {
            result = reservation is { } use ? await RunCountedAsync(context, next, use) : await next(context);
        }
        catch (Exception)
        {
            await signed.RecordOutcomeAsync(keyed, ProblemCatalog.ServerError);
            throw;
        }

        var status = StatusOf(context, result);
        if (status is < 200 or >= 300)
        {
            await signed.RecordOutcomeAsync(keyed, result is IProblemResult problem ? problem.Code
                : string.Create(CultureInfo.InvariantCulture, $"http.{status}"));
        }
        else if (Api.Trading.TradingEndpoints.IsReplay(context.HttpContext))
        {
            // The first request placed the order and counted its notional: a retry answered with it counts nothing.
            await signed.RecordOutcomeAsync(keyed, ApiKeyUsage.Replayed);
        }

        return result;
    }

    /// <summary>
    /// Runs an allowed request that counts against a cap, its reserved use kept in the request (<see cref="CapReservation"/>):
    /// unless it succeeds (a 2xx answer), the use is given back, so a refused or failed request does not use up the user's
    /// allowance. An operation that succeeds without doing new work (an order's idempotent replay) gives it back itself.
    /// </summary>
    private static async Task<object?> RunCountedAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, Guid reservation)
    {
        var http = context.HttpContext;
        CapReservation.Keep(http, reservation);
        object? result;
        try
        {
            result = await next(context);
        }
        catch (Exception)
        {
            await CapReservation.GiveBackAsync(http);
            throw;
        }

        if (StatusOf(context, result) is < 200 or >= 300)
        {
            await CapReservation.GiveBackAsync(http);
        }

        return result;
    }

    /// <summary>The status an endpoint's result will be answered with.</summary>
    private static int StatusOf(EndpointFilterInvocationContext context, object? result) =>
        result is IStatusCodeHttpResult { StatusCode: { } code } ? code : context.HttpContext.Response.StatusCode;

    /// <summary>Stores the request as a held operation and answers 202 with where to poll it, or refuses it.</summary>
    private async Task<object?> HoldAsync(EndpointFilterInvocationContext context, OperationMetadata metadata, OperationRequest request,
        Decision decision, string initiator)
    {
        // Holding needs an approver and a way to run the operation later: without both, the hold is refused, saying so.
        var unavailable = PolicyResults.Refused(decision with { Kind = DecisionKind.Deny, Reason = PolicyReasons.ApprovalUnavailable });
        if (metadata.Hold is not { } describe || !holds.CanHold(metadata.Operation))
        {
            return unavailable;
        }

        var payload = describe(context);
        if (payload.Errors is { Count: > 0 } errors)
        {
            return Problems.Invalid(errors);
        }

        var placed = await holds.HoldAsync(request, decision, payload.PayloadJson, payload.Summary, initiator, context.HttpContext.RequestAborted);
        if (!placed.IsSuccess)
        {
            return placed.Error.Code == HeldOperationErrors.NoApproverCode ? unavailable : Problems.From(placed.Error);
        }

        var held = placed.Value.Operation;
        return TypedResults.Accepted($"/api/v1/operations/{held.Id}", HeldOperationView.From(held));
    }
}
