using System.Globalization;
using Microsoft.Extensions.Options;
using Portcullis.Core.Audit;
using Portcullis.Core.Devices;
using Portcullis.Core.Factors;
using Portcullis.Core.Persistence;
using Portcullis.Core.Sessions;
using Portcullis.Core.SignIn;

namespace Portcullis.Core.Policy;

/// <summary>
/// Puts a request in front of the policy: gathers what the engine needs about the session, the user's factors, the
/// device and the account's protection (one unit of work), asks the policy in force, and audits the decision with
/// its operation, attributes (never secrets), rule, tier and reason.
/// </summary>
public sealed class PolicyGate(IGateStore store, PolicyProvider policies, IAccountProtectionSource protection,
    IOptions<PolicyOptions> options, TimeProvider time)
{
    /// <summary>
    /// Decides an operation a signed-in person started, and audits the decision. When a capped rule counts the operation
    /// (<see cref="CompiledPolicy.CapsFor"/>), the user's totals are read and, if it is allowed, a use is reserved under a
    /// per-user lock in the same transaction, so that concurrent requests cannot all pass under the cap. The caller
    /// releases the reservation (<see cref="ReleaseAsync"/>) when the request then does not succeed.
    /// </summary>
    public Task<GateDecision> DecideAsync(SessionContext current, OperationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(request);
        return DecideCoreAsync(current.User.Id, request, (unit, totals, ct) => DescribeAsync(unit, current, request, totals, ct),
            Actors.Session(current.Session.Id), cancellationToken);
    }

    /// <summary>
    /// Decides an operation a request signed with an API key started (docs/api-keys.md), like <see cref="DecideAsync(SessionContext,
    /// OperationRequest, CancellationToken)"/>: the initiator is <see cref="InitiatorKind.ApiKey"/> and the subject has no session
    /// proofs, so any tier that needs a person refuses or holds it. The key's own scopes are checked before (see
    /// <see cref="ApiKeys.ApiKeyRequestCheck"/>). Audited with the key as the target.
    /// </summary>
    public Task<GateDecision> DecideForKeyAsync(ApiKeys.ApiKey key, Users.User owner, OperationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(owner);
        if (owner.Id != key.UserId)
        {
            throw new ArgumentException("The owner must be the key's user.", nameof(owner));
        }

        ArgumentNullException.ThrowIfNull(request);
        var keyed = request with { UserId = key.UserId, Initiator = InitiatorKind.ApiKey, DeviceId = null, DeviceTrusted = false };
        return DecideCoreAsync(key.UserId, keyed, async (unit, totals, ct) =>
            {
                var subject = new PolicySubject
                {
                    Protection = await protection.LoadAsync(unit, owner, ct),
                    Totals = totals ?? PolicySubject.NoTotals,
                };
                return (keyed, subject);
            },
            Actors.ApiKey(key.KeyId), cancellationToken);
    }

    private async Task<GateDecision> DecideCoreAsync(Guid userId, OperationRequest request,
        Func<IGateUnit, IReadOnlyDictionary<string, decimal>?, CancellationToken, Task<(OperationRequest Request, PolicySubject Subject)>> describe,
        string target, CancellationToken cancellationToken)
    {
        var policy = policies.Current;
        var caps = policy.CapsFor(request.Operation);
        var now = time.GetUtcNow();
        await using var unit = await store.OpenAsync(cancellationToken);
        if (caps.Count > 0)
        {
            await unit.BeginAsync(cancellationToken);
            await unit.Throttle.LockAsync(ThrottleKeys.ForCaps(userId), cancellationToken);
        }

        var totals = await TotalsAsync(unit, userId, caps, now, cancellationToken);
        var (resolved, subject) = await describe(unit, totals, cancellationToken);
        var decision = policy.Decide(resolved, subject, now);
        Guid? reservation = null;
        if (decision.IsAllowed && caps.Count > 0)
        {
            var use = OperationUsage.Of(userId, resolved.Operation, resolved.Amount, resolved.Notional, now);
            unit.OperationUsage.Add(use);
            reservation = use.Id;
        }

        var readOnly = Operations.Find(request.Operation)?.ReadOnly ?? false;
        var audited = !decision.IsAllowed || !readOnly || options.Value.AuditAllowedReads;
        if (audited)
        {
            unit.Audit.Append(Record(resolved, decision, Actors.User(userId), target));
        }

        if (audited || reservation is not null)
        {
            await unit.CommitAsync(cancellationToken);
        }

        return new GateDecision(decision, reservation);
    }

    /// <summary>
    /// Gives back a use reserved by <see cref="DecideAsync"/> for a request that then did not succeed, so it does not count
    /// against the user's caps. Runs to completion even when the request was aborted.
    /// </summary>
    public async Task ReleaseAsync(Guid reservation)
    {
        await using var unit = await store.OpenAsync(CancellationToken.None);
        await unit.BeginAsync(CancellationToken.None);
        await unit.OperationUsage.RemoveAsync(reservation, CancellationToken.None);
        await unit.CommitAsync(CancellationToken.None);
    }

    /// <summary>
    /// Forgets uses older than the longest cap window of the policy in force (all of them when it has no cap); returns how
    /// many. Run periodically by the held-operation sweeper.
    /// </summary>
    public async Task<int> PruneUsageAsync(CancellationToken cancellationToken)
    {
        var caps = policies.Current.Rules.Where(r => r.Cap is not null).Select(r => r.Cap!.Query).ToList();
        await using var unit = await store.OpenAsync(cancellationToken);
        await unit.BeginAsync(cancellationToken);
        var pruned = await unit.OperationUsage.PruneAsync(CapTotals.Since(caps, time.GetUtcNow()), cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return pruned;
    }

    /// <summary>How the policy would decide <paramref name="request"/> for this session now, step by step. Not audited.</summary>
    public async Task<Explanation> ExplainAsync(SessionContext current, OperationRequest request, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        var policy = policies.Current;
        var caps = policy.CapsFor(request.Operation);
        var now = time.GetUtcNow();
        var totals = await TotalsAsync(unit, current.User.Id, caps, now, cancellationToken);
        var (resolved, subject) = await DescribeAsync(unit, current, request, totals, cancellationToken);
        return policy.Explain(resolved, subject, now);
    }

    /// <summary>The user's totals for <paramref name="caps"/> from the recorded uses; <c>null</c> (no query) when there is no cap.</summary>
    private static async Task<IReadOnlyDictionary<string, decimal>?> TotalsAsync(IGateUnit unit, Guid userId, IReadOnlyList<CapQuery> caps,
        DateTimeOffset now, CancellationToken cancellationToken) =>
        caps.Count == 0 ? null : CapTotals.Sum(caps, await unit.OperationUsage.ListSinceAsync(userId, CapTotals.Since(caps, now), cancellationToken), now);

    /// <summary>The audit record of a decision: <c>policy.decided</c>, outcome the decision kind and reason.</summary>
    public static AuditRecord Record(OperationRequest request, Decision decision, string actor, string? target)
    {
        var data = new Dictionary<string, object?>
        {
            ["operation"] = request.Operation,
            ["decision"] = Kind(decision.Kind),
            ["reason"] = decision.Reason,
            ["rule"] = decision.Rule,
            ["tier"] = decision.Tier,
            ["initiator"] = ConditionFields.InitiatorName(request.Initiator),
            ["device_id"] = request.DeviceId,
            ["device_trusted"] = request.DeviceTrusted,
        };
        Add(data, "account_id", request.AccountId);
        Add(data, "instrument", request.Instrument);
        Add(data, "asset_class", request.AssetClass);
        Add(data, "market", request.Market);
        Add(data, "order_type", request.OrderType);
        Add(data, "notional", request.Notional);
        Add(data, "amount", request.Amount);
        Add(data, "destination", request.Destination);
        Add(data, "factor_kind", request.FactorKind);
        Add(data, "capability", request.Capability);
        if (decision.StepUp is { } stepUp)
        {
            data["acr_values"] = stepUp.AcrValues;
            data["max_age"] = stepUp.MaxAge is { } age ? (int)age.TotalSeconds : null;
        }

        return new AuditRecord(AuditEventTypes.PolicyDecided, $"{Kind(decision.Kind)}:{decision.Reason}", actor, target,
            request.SourceIp?.ToString(), data);
    }

    /// <summary>The wire name of a decision kind: <c>allow</c>, <c>deny</c>, <c>step_up</c>, <c>hold</c>.</summary>
    public static string Kind(DecisionKind kind) => kind switch
    {
        DecisionKind.Allow => "allow",
        DecisionKind.StepUp => "step_up",
        DecisionKind.Hold => "hold",
        _ => "deny",
    };

    private async Task<(OperationRequest Request, PolicySubject Subject)> DescribeAsync(IGateUnit unit, SessionContext current,
        OperationRequest request, IReadOnlyDictionary<string, decimal>? totals, CancellationToken cancellationToken)
    {
        var session = current.Session;
        var factors = await unit.Factors.ListForUserAsync(current.User.Id, cancellationToken);
        var trusted = false;
        if (session.DeviceId is { } deviceId && await unit.Devices.FindAsync(deviceId, cancellationToken) is { } device)
        {
            trusted = device.IsActive && device.Trust == DeviceTrust.Trusted && device.UserId == current.User.Id;
        }

        var state = await protection.LoadAsync(unit, current.User, cancellationToken);
        var active = factors.Where(f => f.IsActive).ToList();
        var subject = new PolicySubject
        {
            Proofs = [.. session.Authentications.Select(Proof).OfType<PolicyProof>()],
            SessionStartedAt = session.CreatedAt,
            SessionLastSeenAt = current.PreviousActivityAt ?? session.LastSeenAt,
            RecoveredSession = session.Authentications.Any(a => a.Method == AuthenticationMethods.RecoveryCode),
            HasPhishingResistantFactor = active.Any(f => FactorCatalog.ClassOf(f.Kind) == FactorClass.PhishingResistant),
            HasSecondFactor = active.Any(f => FactorCatalog.ClassOf(f.Kind) != FactorClass.LookupSecret),
            Protection = state,
            Totals = totals ?? PolicySubject.NoTotals,
        };
        return (request with { DeviceId = session.DeviceId, DeviceTrusted = trusted }, subject);
    }

    private static PolicyProof? Proof(SessionAuthentication a) =>
        a.Method == AuthenticationMethods.Password ? new PolicyProof(ProofClass.Password, a.At)
        : a.Class is { } c ? new PolicyProof(ProofClasses.From(c), a.At)
        : null;

    private static void Add(Dictionary<string, object?> data, string key, object? value)
    {
        if (value is not null)
        {
            data[key] = value is decimal d ? d.ToString(CultureInfo.InvariantCulture) : value;
        }
    }
}
