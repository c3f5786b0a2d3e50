namespace Portcullis.Core.Policy;

/// <summary>
/// The engine's answer for one operation. Decisions for the common outcomes are allocated once per compiled
/// policy and shared, so treat them as immutable values.
/// </summary>
/// <param name="Kind">Allow, deny, step-up or hold.</param>
/// <param name="Reason">A stable reason code (<see cref="PolicyReasons"/>, or a rule's own code for a rule's deny).</param>
/// <param name="Rule">The rule that matched, or <c>null</c> when a built-in guard (freeze, lock, cool-down) decided.</param>
/// <param name="Tier">The tier the rule required, if it named one.</param>
/// <param name="StepUp">For <see cref="DecisionKind.StepUp"/>: what would satisfy it.</param>
public sealed record Decision(DecisionKind Kind, string Reason, string? Rule, string? Tier, StepUpRequirement? StepUp = null)
{
    public bool IsAllowed => Kind == DecisionKind.Allow;
}
