using System.Text.Json.Serialization;
using Portcullis.Core.Policy;

namespace Portcullis.Server.Api.Policy;

/// <summary>An explained decision, as <c>GET /api/v1/decisions/explain</c> returns it.</summary>
internal sealed record DecisionView(
    string Operation,
    string Decision,
    string Reason,
    string? Rule,
    string? Tier,
    [property: JsonPropertyName("step_up")] StepUpView? StepUp,
    IReadOnlyList<ExplainStep> Steps,
    string Policy)
{
    public static DecisionView From(string operation, Explanation explanation, string policy)
    {
        var d = explanation.Decision;
        return new DecisionView(operation, PolicyGate.Kind(d.Kind), d.Reason, d.Rule, d.Tier,
            d.StepUp is { } s ? new StepUpView(s.AcrValues, s.MaxAge is { } age ? (long)age.TotalSeconds : null) : null,
            explanation.Steps, policy);
    }
}

/// <summary>What would satisfy a step-up: RFC 9470 <c>acr_values</c> and <c>max_age</c> in seconds.</summary>
internal sealed record StepUpView(
    [property: JsonPropertyName("acr_values")] string AcrValues,
    [property: JsonPropertyName("max_age")] long? MaxAge);
