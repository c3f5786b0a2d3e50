using System.Globalization;
using Portcullis.Core.Policy;
using Portcullis.Server.Api.Contracts;
using Portcullis.Server.Auth;
using Portcullis.Server.Http;
using Portcullis.Server.Policy;

namespace Portcullis.Server.Api.Policy;

/// <summary>Why would something be refused or need a step-up? The policy's answer for this session, step by step.</summary>
internal static class DecisionEndpoints
{
    private static readonly string[] TextFields = ["asset_class", "order_type", "instrument", "destination", "factor_kind", "capability"];

    public static void Map(RouteGroupBuilder authenticated)
    {
        authenticated.MapGet("/decisions/explain", async (HttpContext http, PolicyGate gate, PolicyProvider policies, CancellationToken cancellationToken) =>
            {
                var query = http.Request.Query;
                var fields = new FieldErrors();
                var operation = query["operation"].ToString();
                if (operation.Length == 0)
                {
                    fields.Add("operation", "Name the operation, e.g. order.place.");
                }
                else if (Operations.Find(operation) is null)
                {
                    fields.Add("operation", "Not in the operations catalogue (GET /api/v1/decisions/operations lists them).");
                }

                var notional = Number(query["notional"].ToString(), "notional", fields);
                var amount = Number(query["amount"].ToString(), "amount", fields);
                var initiator = InitiatorKind.Session;
                var initiatorText = query["initiator"].ToString();
                if (initiatorText.Length > 0 && !TryInitiator(initiatorText, out initiator))
                {
                    fields.Add("initiator", "Use session, api_key or workstation.");
                }

                foreach (var name in TextFields)
                {
                    if (query[name].ToString().Length > 100)
                    {
                        fields.Add(name, "At most 100 characters.");
                    }
                }

                if (fields.Any)
                {
                    return Problems.Invalid(fields.All);
                }

                var current = http.CurrentSession();
                var request = new OperationRequest
                {
                    Operation = operation,
                    UserId = current.User.Id,
                    Initiator = initiator,
                    SourceIp = http.ClientIp(),
                    Notional = notional,
                    Amount = amount,
                    AssetClass = Text(query["asset_class"].ToString()),
                    OrderType = Text(query["order_type"].ToString()),
                    Instrument = Text(query["instrument"].ToString()),
                    Destination = Text(query["destination"].ToString()),
                    FactorKind = Text(query["factor_kind"].ToString()),
                    Capability = Text(query["capability"].ToString()),
                };
                var explanation = await gate.ExplainAsync(current, request, cancellationToken);
                return Results.Ok(DecisionView.From(operation, explanation, policies.Current.Source));
            })
            .WithName("ExplainDecision")
            .WithSummary("How the policy would decide an operation for this session now: the decision, the matching rule and every step")
            .RequireOperation(Operations.DecisionExplain);

        authenticated.MapGet("/decisions/operations", () => Results.Ok(Operations.All.Select(o => new
            {
                name = o.Name,
                description = o.Description,
                freeze_capability = o.Capability == Capability.None ? null : Capabilities.Name(o.Capability),
                cooldown = o.Cooldown,
                read_only = o.ReadOnly,
            })))
            .WithName("ListOperations")
            .WithSummary("The operations catalogue: every operation the policy decides")
            .RequireOperation(Operations.DecisionExplain);
    }

    private static decimal? Number(string text, string name, FieldErrors fields)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value >= 0)
        {
            return value;
        }

        fields.Add(name, "A non-negative number, e.g. 250000 or 1234.56.");
        return null;
    }

    private static bool TryInitiator(string text, out InitiatorKind kind)
    {
        foreach (var candidate in Enum.GetValues<InitiatorKind>())
        {
            if (ConditionFields.InitiatorName(candidate) == text)
            {
                kind = candidate;
                return true;
            }
        }

        kind = InitiatorKind.Session;
        return false;
    }

    private static string? Text(string value) => value.Length == 0 ? null : value;
}
