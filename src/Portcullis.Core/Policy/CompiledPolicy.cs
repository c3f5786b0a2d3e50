using System.Collections.Frozen;
using System.Globalization;

namespace Portcullis.Core.Policy;

/// <summary>
/// A validated policy, ready to decide. Deciding is pure and in memory: built-in guards first (freeze, settings
/// lock, cool-down: no rule can override them), then the rules in order, first match wins, the last being a
/// default-deny. The rules that can match each catalogue operation are found once, at compile time.
/// </summary>
public sealed class CompiledPolicy
{
    internal static readonly Decision FrozenDecision = new(DecisionKind.Deny, PolicyReasons.Frozen, null, null);
    internal static readonly Decision SettingsLockedDecision = new(DecisionKind.Deny, PolicyReasons.SettingsLocked, null, null);
    internal static readonly Decision CooldownDecision = new(DecisionKind.Deny, PolicyReasons.CooldownActive, null, null);

    private readonly FrozenDictionary<string, Plan> _plans;

    internal CompiledPolicy(string source, IReadOnlyList<PolicyTier> tiers, IReadOnlyList<PolicyRule> rules)
    {
        Source = source;
        Tiers = tiers;
        Rules = rules;
        _plans = Policy.Operations.All.ToFrozenDictionary(o => o.Name, o => PlanFor(o.Name, o), StringComparer.Ordinal);
    }

    /// <summary>Where the policy came from (a file path, or <c>built-in default</c>).</summary>
    public string Source { get; }

    public IReadOnlyList<PolicyTier> Tiers { get; }

    public IReadOnlyList<PolicyRule> Rules { get; }

    /// <summary>The caps whose totals a decision on <paramref name="operation"/> may need (see <see cref="PolicySubject.Totals"/>).</summary>
    public IReadOnlyList<CapQuery> CapsFor(string operation) => Find(operation).Caps;

    /// <summary>Decides <paramref name="request"/> for <paramref name="subject"/> at <paramref name="now"/>.</summary>
    public Decision Decide(OperationRequest request, PolicySubject subject, DateTimeOffset now) =>
        Evaluate(request, subject, now, null);

    /// <summary>Decides as <see cref="Decide"/> does and says why, step by step.</summary>
    public Explanation Explain(OperationRequest request, PolicySubject subject, DateTimeOffset now)
    {
        var steps = new List<ExplainStep>();
        var decision = Evaluate(request, subject, now, steps);
        return new Explanation(decision, steps);
    }

    private Plan Find(string operation) =>
        _plans.TryGetValue(operation, out var plan) ? plan : PlanFor(operation, null);

    private Plan PlanFor(string operation, OperationDefinition? definition)
    {
        var rules = Rules.Where(r => r.MatchesOperation(operation)).ToArray();
        var caps = rules.Where(r => r.Cap is not null).Select(r => r.Cap!.Query).ToArray();
        return new Plan(definition, rules, caps);
    }

    private Decision Evaluate(OperationRequest request, PolicySubject subject, DateTimeOffset now, List<ExplainStep>? trace)
    {
        var plan = Find(request.Operation);
        var definition = plan.Definition;
        if (definition is null)
        {
            trace?.Add(new("operation", $"'{request.Operation}' is not in the operations catalogue"));
        }

        // Built-in guards, in this order: freezes, the settings lock, the cool-down after a security change.
        var protection = subject.Protection;
        var capability = definition?.Capability ?? Capability.None;
        if (request.Initiator == InitiatorKind.ApiKey)
        {
            capability |= Capability.Api;
        }

        if ((protection.Frozen & capability) != Capability.None)
        {
            trace?.Add(new("freeze", $"frozen: {Capabilities.Describe(protection.Frozen & capability)}"));
            return FrozenDecision;
        }

        trace?.Add(new("freeze", capability == Capability.None ? "no freeze applies to this operation" : "not frozen"));
        if (protection.SettingsLocked && (capability & Capability.SecurityChanges) != Capability.None)
        {
            trace?.Add(new("settings lock", "on: security changes are refused until it is lifted"));
            return SettingsLockedDecision;
        }

        if (definition is { Cooldown: true } && protection.CooldownUntil is { } until && now < until)
        {
            trace?.Add(new("cool-down", $"active until {until:O} after a security change"));
            return CooldownDecision;
        }

        if (definition is { Cooldown: true })
        {
            trace?.Add(new("cool-down", "none active"));
        }

        foreach (var rule in plan.Rules)
        {
            if (!ConditionsHold(rule, request, subject, trace) || !CapExceeded(rule, request, subject, trace))
            {
                continue;
            }

            if (rule.Tier is null)
            {
                trace?.Add(new($"rule {rule.Name}", $"matched: {Describe(rule.DirectKind!.Value)}"));
                return rule.Direct!;
            }

            trace?.Add(new($"rule {rule.Name}", $"matched: tier {rule.Tier.Name}"));
            return Tier(rule, rule.Tier, request, subject, now, trace);
        }

        // A compiled policy always ends in a default-deny matching '*', so this is reached only for an empty plan.
        trace?.Add(new("rules", "no rule matched"));
        return Rules[^1].Direct!;
    }

    private static bool ConditionsHold(PolicyRule rule, OperationRequest request, PolicySubject subject, List<ExplainStep>? trace)
    {
        var conditions = rule.Conditions;
        for (var i = 0; i < conditions.Count; i++)
        {
            var condition = conditions[i];
            if (!condition.Matches(request, subject))
            {
                trace?.Add(new($"rule {rule.Name}", $"skipped: '{condition.Source}' is false " +
                    $"({ConditionFields.NameOf(condition.Attribute)} = {ConditionFields.Describe(condition.Attribute, request, subject)})"));
                return false;
            }
        }

        return true;
    }

    private static bool CapExceeded(PolicyRule rule, OperationRequest request, PolicySubject subject, List<ExplainStep>? trace)
    {
        if (rule.Cap is not { } cap)
        {
            return true;
        }

        decimal? own = cap.Query.Attribute switch
        {
            "count" => 1m,
            "notional" => request.Notional,
            _ => request.Amount,
        };
        if (own is null)
        {
            trace?.Add(new($"rule {rule.Name}", $"skipped: the operation has no {cap.Query.Attribute}"));
            return false;
        }

        var total = subject.Totals.TryGetValue(cap.Query.Key, out var t) ? t : 0m;
        var exceeded = total + own.Value > cap.Above;
        if (!exceeded)
        {
            trace?.Add(new($"rule {rule.Name}", string.Create(CultureInfo.InvariantCulture,
                $"skipped: {total} + {own.Value} within the cap of {cap.Above} per {Durations.Format(cap.Query.Window)}")));
        }
        else
        {
            trace?.Add(new($"rule {rule.Name}", string.Create(CultureInfo.InvariantCulture,
                $"cap exceeded: {total} + {own.Value} > {cap.Above} per {Durations.Format(cap.Query.Window)}")));
        }

        return exceeded;
    }

    private static Decision Tier(PolicyRule rule, PolicyTier tier, OperationRequest request, PolicySubject subject, DateTimeOffset now,
        List<ExplainStep>? trace)
    {
        if (request.Initiator != InitiatorKind.Session)
        {
            trace?.Add(new($"tier {tier.Name}", $"started by {ConditionFields.InitiatorName(request.Initiator)}, no person present: {tier.Unattended.ToString().ToLowerInvariant()}"));
            return rule.Unattended!;
        }

        if (tier.Absolute is { } absolute && subject.SessionStartedAt is { } started && now - started > absolute)
        {
            trace?.Add(new($"tier {tier.Name}", $"the session is older than {Durations.Format(absolute)}: sign in again"));
            return rule.DenySessionTooOld!;
        }

        if (!tier.RememberedSignIn && subject.RememberedSignIn)
        {
            trace?.Add(new($"tier {tier.Name}", "the session was resumed from a remembered sign-in: sign in again"));
            return rule.DenyRemembered!;
        }

        if (tier.TrustedDevice && !request.DeviceTrusted)
        {
            trace?.Add(new($"tier {tier.Name}", "this device is not trusted: sign in on it with a second factor first"));
            return rule.DenyDevice!;
        }

        if (tier.TrustedNetwork && subject.Protection.IsTrusted(request.SourceIp) == false)
        {
            trace?.Add(new($"tier {tier.Name}", $"{request.SourceIp?.ToString() ?? "this address"} is not in the account's trusted networks"));
            return rule.DenyNetwork!;
        }

        if (tier.Idle is { } idle && subject.SessionLastSeenAt is { } seen && now - Latest(seen, subject.Proofs) > idle)
        {
            trace?.Add(new($"tier {tier.Name}", $"idle for more than {Durations.Format(idle)}: prove it is you again"));
            return rule.StepUpIdle!;
        }

        if (tier.Proofs.Count == 0)
        {
            trace?.Add(new($"tier {tier.Name}", "any authenticated session will do"));
            return rule.Allow!;
        }

        DateTimeOffset? newest = null;
        var proofs = subject.Proofs;
        for (var i = 0; i < proofs.Count; i++)
        {
            var proof = proofs[i];
            if (Contains(tier.Proofs, proof.Class) && (newest is null || proof.At > newest))
            {
                newest = proof.At;
            }
        }

        if (newest is not { } at)
        {
            trace?.Add(new($"tier {tier.Name}", $"needs a proof of {string.Join(" or ", tier.Proofs.Select(ProofClasses.Name))}; this session has none"));
            return rule.StepUpRequired!;
        }

        if (tier.MaxAge is { } maxAge && now - at > maxAge)
        {
            trace?.Add(new($"tier {tier.Name}", $"the newest acceptable proof is {Durations.Format(now - at)} old; at most {Durations.Format(maxAge)} allowed"));
            return rule.StepUpProofTooOld!;
        }

        trace?.Add(new($"tier {tier.Name}", $"satisfied: acceptable proof {Durations.Format(now - at)} ago"));
        return rule.Allow!;
    }

    private static DateTimeOffset Latest(DateTimeOffset seen, IReadOnlyList<PolicyProof> proofs)
    {
        var latest = seen;
        for (var i = 0; i < proofs.Count; i++)
        {
            if (proofs[i].At > latest)
            {
                latest = proofs[i].At;
            }
        }

        return latest;
    }

    private static bool Contains(IReadOnlyList<ProofClass> classes, ProofClass value)
    {
        for (var i = 0; i < classes.Count; i++)
        {
            if (classes[i] == value)
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(DecisionKind kind) => kind switch
    {
        DecisionKind.Allow => "allow",
        DecisionKind.Hold => "hold for approval",
        DecisionKind.StepUp => "step up",
        _ => "deny",
    };

    private sealed record Plan(OperationDefinition? Definition, PolicyRule[] Rules, CapQuery[] Caps);
}
