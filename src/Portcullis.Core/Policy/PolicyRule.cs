namespace Portcullis.Core.Policy;

/// <summary>
/// One rule of a policy. It matches an operation whose name matches one of <see cref="Operations"/> (exact names,
/// <c>prefix.*</c> or <c>*</c>) when every condition holds and its cap, if any, would be exceeded; then it either
/// names a tier or decides directly. The decisions it can give are built once, here, so deciding allocates nothing.
/// </summary>
public sealed class PolicyRule
{
    internal PolicyRule(int index, string name, string? description, string[] operations, PolicyCondition[] conditions,
        PolicyCap? cap, PolicyTier? tier, DecisionKind? direct, string? reason)
    {
        Index = index;
        Name = name;
        Description = description;
        Operations = operations;
        Conditions = conditions;
        Cap = cap;
        Tier = tier;
        DirectKind = direct;
        if (tier is null)
        {
            Direct = new Decision(direct!.Value, reason ?? direct switch
            {
                DecisionKind.Allow => PolicyReasons.Allowed,
                DecisionKind.Hold => PolicyReasons.ApprovalRequired,
                _ => PolicyReasons.DefaultDeny,
            }, name, null);
            return;
        }

        var t = tier.Name;
        var stepUp = new StepUpRequirement(tier.Proofs.Count > 0 ? tier.Proofs : [ProofClass.PhishingResistant, ProofClass.Possession], tier.MaxAge);
        Allow = new Decision(DecisionKind.Allow, PolicyReasons.TierSatisfied, name, t);
        StepUpRequired = new Decision(DecisionKind.StepUp, PolicyReasons.StepUpRequired, name, t, stepUp);
        StepUpProofTooOld = new Decision(DecisionKind.StepUp, PolicyReasons.ProofTooOld, name, t, stepUp);
        StepUpIdle = new Decision(DecisionKind.StepUp, PolicyReasons.IdleTimeout, name, t, stepUp);
        DenyNetwork = new Decision(DecisionKind.Deny, PolicyReasons.NetworkNotTrusted, name, t);
        DenyDevice = new Decision(DecisionKind.Deny, PolicyReasons.DeviceNotTrusted, name, t);
        DenyRemembered = new Decision(DecisionKind.Deny, PolicyReasons.RememberedSession, name, t);
        DenySessionTooOld = new Decision(DecisionKind.Deny, PolicyReasons.SessionTooOld, name, t);
        Unattended = tier.Unattended switch
        {
            UnattendedAction.Allow => new Decision(DecisionKind.Allow, PolicyReasons.TierSatisfied, name, t),
            UnattendedAction.Hold => new Decision(DecisionKind.Hold, PolicyReasons.ApprovalRequired, name, t),
            _ => new Decision(DecisionKind.Deny, PolicyReasons.InitiatorNotAllowed, name, t),
        };
    }

    /// <summary>Position in the file, from 0.</summary>
    public int Index { get; }

    public string Name { get; }

    public string? Description { get; }

    public IReadOnlyList<string> Operations { get; }

    public IReadOnlyList<PolicyCondition> Conditions { get; }

    public PolicyCap? Cap { get; }

    /// <summary>The tier the rule sends matching operations to, or <c>null</c> for a direct decision.</summary>
    public PolicyTier? Tier { get; }

    /// <summary>The direct decision's kind when <see cref="Tier"/> is <c>null</c>.</summary>
    public DecisionKind? DirectKind { get; }

    internal Decision? Direct { get; }

    internal Decision? Allow { get; }

    internal Decision? StepUpRequired { get; }

    internal Decision? StepUpProofTooOld { get; }

    internal Decision? StepUpIdle { get; }

    internal Decision? DenyNetwork { get; }

    internal Decision? DenyDevice { get; }

    internal Decision? DenyRemembered { get; }

    internal Decision? DenySessionTooOld { get; }

    internal Decision? Unattended { get; }

    /// <summary>Whether <paramref name="operation"/> matches one of the rule's operation patterns.</summary>
    public bool MatchesOperation(string operation)
    {
        foreach (var pattern in Operations)
        {
            if (PatternMatches(pattern, operation))
            {
                return true;
            }
        }

        return false;
    }

    internal static bool PatternMatches(string pattern, string operation)
    {
        if (pattern == "*")
        {
            return true;
        }

        if (pattern.EndsWith(".*", StringComparison.Ordinal))
        {
            return operation.Length > pattern.Length - 1 &&
                operation.AsSpan().StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.Ordinal);
        }

        if (pattern.StartsWith("*.", StringComparison.Ordinal))
        {
            return operation.Length > pattern.Length - 1 &&
                operation.AsSpan().EndsWith(pattern.AsSpan(1), StringComparison.Ordinal);
        }

        return string.Equals(pattern, operation, StringComparison.Ordinal);
    }
}
