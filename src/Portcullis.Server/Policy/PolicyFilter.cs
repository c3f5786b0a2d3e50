using Portcullis.Core.Policy;
using Portcullis.Server.Auth;

namespace Portcullis.Server.Policy;

/// <summary>
/// Runs after the session filter on every authenticated endpoint: describes the request as its operation
/// (<see cref="OperationMetadata"/>), asks the policy, and answers a refusal, a step-up challenge (RFC 9470) or a
/// hold itself. An authenticated endpoint without an operation is refused: a missing mapping must fail closed.
/// </summary>
internal sealed class PolicyFilter(PolicyGate gate) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var metadata = http.GetEndpoint()?.Metadata.GetMetadata<OperationMetadata>();
        if (metadata is null)
        {
            return PolicyResults.Refused(new Decision(DecisionKind.Deny, PolicyReasons.DefaultDeny, null, null));
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

        var decision = await gate.DecideAsync(current, request, http.RequestAborted);
        return decision.Kind switch
        {
            DecisionKind.Allow => await next(context),
            DecisionKind.StepUp => PolicyResults.StepUp(decision),
            // Holding needs an approver and a way to run the operation later; a session's own request is not held by
            // the default policy. Until the endpoint can be replayed, a hold for it is refused, saying so.
            DecisionKind.Hold => PolicyResults.Refused(decision with { Kind = DecisionKind.Deny, Reason = PolicyReasons.ApprovalUnavailable }),
            _ => PolicyResults.Refused(decision),
        };
    }
}
