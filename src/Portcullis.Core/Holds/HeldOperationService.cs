using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Portcullis.Core.Audit;
using Portcullis.Core.Factors.Push;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;
using Portcullis.Core.Policy;
using Portcullis.Core.Results;
using Portcullis.Core.SignIn;

namespace Portcullis.Core.Holds;

/// <summary>
/// Operations the policy held for approval (docs/holds.md): store one as pending and push it, number-matched, to every
/// authenticator of the user; run it exactly once when a device approves it with the right number; cancel it on a
/// denial, a wrong number, its initiator's cancel or its expiry. Everything for one user is serialised on the user's
/// push counter (<c>push:&lt;user id&gt;</c>), the same lock that orders push answers, and every decision is a
/// conditional transition in the store (<see cref="IHeldOperationStore.TryDecideAsync"/>), so two answers or two nodes
/// cannot both decide, let alone both execute, one operation.
/// </summary>
public sealed class HeldOperationService
{
    /// <summary>Longest long poll an initiator may ask for.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private readonly IGateStore _store;
    private readonly PushSignals _signals;
    private readonly FrozenDictionary<string, IHeldOperationExecutor> _executors;
    private readonly HeldOperationOptions _options;
    private readonly TimeProvider _time;
    private readonly PolicyProvider _policies;

    public HeldOperationService(IGateStore store, PushSignals signals, IEnumerable<IHeldOperationExecutor> executors,
        IOptions<HeldOperationOptions> options, TimeProvider time, PolicyProvider policies)
    {
        _store = store;
        _policies = policies;
        _signals = signals;
        _executors = executors.ToFrozenDictionary(e => e.Operation, StringComparer.Ordinal);
        _options = options.Value;
        _time = time;
    }

    /// <summary>Whether <paramref name="operation"/> can be held: an executor can run it once approved.</summary>
    public bool CanHold(string operation) => _executors.ContainsKey(operation);

    /// <summary>
    /// Holds an operation the policy decided to hold:
    /// <list type="number">
    /// <item>an operation without an executor, or a user without an active authenticator, cannot be held
    /// (<c>operation.no_approver</c>);</item>
    /// <item>serialised per user: the user's pending operations past their expiry are expired first; with
    /// <see cref="HeldOperationOptions.MaxPending"/> still pending, refuse (<c>operation.too_many_pending</c>);</item>
    /// <item>store it pending for <see cref="HeldOperationOptions.Lifetime"/> with a fresh two-digit number, and send one
    /// challenge per authenticator (same number, the operation's summary) expiring with it; audit
    /// <c>operation.held</c>; wake the devices.</item>
    /// </list>
    /// </summary>
    public async Task<Result<HeldOperationPlaced>> HoldAsync(OperationRequest request, Decision decision, string payloadJson, string summary,
        string initiatorRef, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(decision);
        if (!CanHold(request.Operation))
        {
            return HeldOperationErrors.NoApprover() with { Reason = "no_executor" };
        }

        var now = _time.GetUtcNow();
        var ip = request.SourceIp?.ToString();
        await using var unit = await _store.OpenAsync(cancellationToken);
        await unit.BeginAsync(cancellationToken);
        await unit.Throttle.LockAsync(ThrottleKeys.ForPush(request.UserId), cancellationToken);
        var pending = await ExpireDueAsync(unit, request.UserId, now, cancellationToken);
        var approvers = await HeldOperationChallenges.ApproversAsync(unit, request.UserId, cancellationToken);
        Error? refusal = pending >= _options.MaxPending ? HeldOperationErrors.TooManyPending(_options.MaxPending) with { Reason = "too_many_pending" }
            : approvers.Count == 0 ? HeldOperationErrors.NoApprover() with { Reason = "no_authenticator" }
            : null;
        if (refusal is not null)
        {
            unit.Audit.Append(new AuditRecord(AuditEventTypes.OperationHeld, refusal.Reason!, initiatorRef, Actors.User(request.UserId), ip,
                new Dictionary<string, object?> { ["operation"] = request.Operation, ["rule"] = decision.Rule, ["pending"] = pending }));
            await unit.CommitAsync(cancellationToken);
            return refusal;
        }

        var (number, choices) = PushNumbers.Draw();
        var held = new HeldOperation
        {
            Id = Guid.CreateVersion7(now),
            UserId = request.UserId,
            Operation = request.Operation,
            InitiatorKind = request.Initiator,
            InitiatorRef = initiatorRef,
            PayloadJson = payloadJson,
            Summary = Truncate(summary, 256),
            Rule = decision.Rule,
            Tier = decision.Tier,
            SourceIp = ip,
            Amount = request.Amount,
            Notional = request.Notional,
            Number = number,
            CreatedAt = now,
            ExpiresAt = now + _options.Lifetime,
        };
        unit.HeldOperations.Add(held);
        foreach (var (factor, device) in approvers)
        {
            unit.PushChallenges.Add(new PushChallenge
            {
                Id = Guid.CreateVersion7(now),
                UserId = held.UserId,
                FactorId = factor.Id,
                DeviceId = device.Id,
                HeldOperationId = held.Id,
                Number = number,
                Choices = PushNumbers.Format(choices),
                Nonce = RandomNumberGenerator.GetBytes(32),
                Summary = held.Summary,
                RequestIp = ip,
                RequestDevice = Initiator(held.InitiatorKind),
                Location = PushLocation.Describe(ip),
                CreatedAt = now,
                ExpiresAt = held.ExpiresAt,
            });
        }

        unit.Audit.Append(new AuditRecord(AuditEventTypes.OperationHeld, "ok", initiatorRef, Actors.User(held.UserId), ip, Data(held, new()
        {
            ["rule"] = held.Rule,
            ["tier"] = held.Tier,
            ["initiator"] = ConditionFields.InitiatorName(held.InitiatorKind),
            ["expires_at"] = held.ExpiresAt,
            ["devices"] = approvers.Count,
        })));
        await unit.CommitAsync(cancellationToken);
        foreach (var (_, device) in approvers)
        {
            _signals.Signal(device.Id);
        }

        return new HeldOperationPlaced(held, approvers.Count);
    }

    /// <summary>
    /// The user's held operation (another user's is not found). While it is pending, waits up to
    /// <paramref name="wait"/> (real time, at most <see cref="MaxWait"/>) for it to be decided. One found past its expiry
    /// is expired now (audited and alerted).
    /// </summary>
    public async Task<Result<HeldOperation>> GetAsync(Guid userId, Guid id, TimeSpan wait, CancellationToken cancellationToken)
    {
        var held = await ReadAsync(userId, id, cancellationToken);
        if (held is not null && wait > TimeSpan.Zero && held.IsPendingAt(_time.GetUtcNow()))
        {
            held = await _signals.PollAsync(id, wait > MaxWait ? MaxWait : wait, ct => ReadAsync(userId, id, ct),
                h => h is null || !h.IsPendingAt(_time.GetUtcNow()), cancellationToken);
        }

        if (held is null)
        {
            return HeldOperationErrors.NotFound();
        }

        if (held.Status == HeldOperationStatus.Pending && !held.IsPendingAt(_time.GetUtcNow()))
        {
            await using var unit = await _store.OpenAsync(cancellationToken);
            await unit.BeginAsync(cancellationToken);
            await unit.Throttle.LockAsync(ThrottleKeys.ForPush(userId), cancellationToken);
            await ExpireDueAsync(unit, userId, _time.GetUtcNow(), cancellationToken);
            await unit.CommitAsync(cancellationToken);
            _signals.Signal(id);
            held = await ReadAsync(userId, id, cancellationToken) ?? held;
        }

        return held;
    }

    /// <summary>Cancels the user's pending operation (its challenges are withdrawn from the devices); audited.</summary>
    public async Task<Result<HeldOperation>> CancelAsync(Guid userId, Guid id, string actor, string? ip, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        await using var unit = await _store.OpenAsync(cancellationToken);
        await unit.BeginAsync(cancellationToken);
        await unit.Throttle.LockAsync(ThrottleKeys.ForPush(userId), cancellationToken);
        await ExpireDueAsync(unit, userId, now, cancellationToken);
        var held = await unit.HeldOperations.FindAsync(id, cancellationToken);
        Result<HeldOperation> result;
        if (held is null || held.UserId != userId)
        {
            result = HeldOperationErrors.NotFound();
        }
        else if (held.Status != HeldOperationStatus.Pending || !await unit.HeldOperations.TryDecideAsync(id, HeldOperationStatus.Cancelled, now, cancellationToken))
        {
            result = HeldOperationErrors.NotPending();
        }
        else
        {
            Decide(held, HeldOperationStatus.Cancelled, now, "cancelled_by_initiator");
            await HeldOperationChallenges.WithdrawAsync(unit, held, null, now, cancellationToken);
            unit.Audit.Append(new AuditRecord(AuditEventTypes.OperationCancelled, "cancelled_by_initiator", actor, Actors.User(userId), ip, Data(held)));
            result = held;
        }

        await unit.CommitAsync(cancellationToken);
        _signals.Signal(id);
        return result;
    }

    /// <summary>
    /// Called by <see cref="AuthenticatorService"/> inside the unit that records a device's answer to a challenge of a
    /// held operation (the user's push counter is locked, the transaction begun):
    /// <list type="number">
    /// <item>an operation no longer pending is left alone (its other challenges were withdrawn when it was decided);</item>
    /// <item>approved with the right number: the conditional transition wins once, then the executor runs in this same
    /// unit: <c>executed</c> with its result, or <c>failed</c> with its error code;</item>
    /// <item>denied: <c>denied</c>, audited, and the user alerted on every channel;</item>
    /// <item>a wrong number or an invalid signature: <c>cancelled</c> (a blind approval must not be retried on another
    /// device);</item>
    /// </list>
    /// and the operation's other challenges are withdrawn. The caller commits, then signals <see cref="HeldOperation.Id"/>.
    /// </summary>
    internal async Task ResolveAsync(IGateUnit unit, PushChallenge challenge, PushChallengeStatus outcome, string deviceName, string? ip,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (challenge.HeldOperationId is not { } id || await unit.HeldOperations.FindAsync(id, cancellationToken) is not { } held ||
            held.UserId != challenge.UserId || !held.IsPendingAt(now))
        {
            return;
        }

        var actor = Actors.Device(challenge.DeviceId);
        switch (outcome)
        {
            case PushChallengeStatus.Approved:
                if (!await unit.HeldOperations.TryDecideAsync(id, HeldOperationStatus.Executed, now, cancellationToken))
                {
                    return;
                }

                held.PushChallengeId = challenge.Id;
                await ExecuteAsync(unit, held, actor, now, cancellationToken);
                break;
            case PushChallengeStatus.Denied:
                if (!await unit.HeldOperations.TryDecideAsync(id, HeldOperationStatus.Denied, now, cancellationToken))
                {
                    return;
                }

                Decide(held, HeldOperationStatus.Denied, now, "denied");
                held.PushChallengeId = challenge.Id;
                unit.Audit.Append(new AuditRecord(AuditEventTypes.OperationDenied, "denied", actor, Actors.User(held.UserId), ip, Data(held)));
                Notify.Emit(unit, held.UserId, NotificationTypes.OperationDenied, NotificationSeverity.Critical,
                    $"You denied an operation on your authenticator \"{deviceName}\": {held.Summary} (requested from " +
                    $"{held.SourceIp ?? "an unknown address"}). It was cancelled. If you did not start it, someone may have your password or an " +
                    "API key: change it, revoke what you do not recognise, and freeze your account if in doubt.",
                    Data(held, new() { ["device_id"] = challenge.DeviceId, ["ip"] = held.SourceIp }), now);
                break;
            default:
                if (!await unit.HeldOperations.TryDecideAsync(id, HeldOperationStatus.Cancelled, now, cancellationToken))
                {
                    return;
                }

                var reason = outcome == PushChallengeStatus.Failed ? "wrong_answer" : "challenge_cancelled";
                Decide(held, HeldOperationStatus.Cancelled, now, reason);
                held.PushChallengeId = challenge.Id;
                unit.Audit.Append(new AuditRecord(AuditEventTypes.OperationCancelled, reason, actor, Actors.User(held.UserId), ip, Data(held)));
                break;
        }

        await HeldOperationChallenges.WithdrawAsync(unit, held, challenge.Id, now, cancellationToken);
    }

    private async Task ExecuteAsync(IGateUnit unit, HeldOperation held, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        held.DecidedAt = now;
        var result = _executors.TryGetValue(held.Operation, out var executor)
            ? await executor.ExecuteAsync(unit, held, cancellationToken)
            : Result<string>.Fail(HeldOperationErrors.NoApprover() with { Reason = "no_executor" });
        if (result.IsSuccess)
        {
            held.Status = HeldOperationStatus.Executed;
            held.ExecutedAt = now;
            held.ResultJson = result.Value;
            if (_policies.Current.CapsFor(held.Operation).Count > 0)
            {
                // An approved operation counts against the caps like one the policy allowed directly.
                unit.OperationUsage.Add(OperationUsage.Of(held.UserId, held.Operation, held.Amount, held.Notional, now));
            }

            unit.Audit.Append(new AuditRecord(AuditEventTypes.OperationExecuted, "ok", actor, Actors.User(held.UserId), held.SourceIp, Data(held)));
        }
        else
        {
            held.Status = HeldOperationStatus.Failed;
            held.ErrorCode = result.Error.Code;
            unit.Audit.Append(new AuditRecord(AuditEventTypes.OperationFailed, result.Error.Code, actor, Actors.User(held.UserId), held.SourceIp,
                Data(held, new() { ["reason"] = result.Error.Reason })));
        }
    }

    /// <summary>
    /// Expires every pending operation past its expiry (the background sweep, <c>HeldOperationSweeper</c>): serialised per
    /// user like everything else, audited and alerted. Returns how many it expired.
    /// </summary>
    public async Task<int> ExpireOverdueAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid> users;
        await using (var read = await _store.OpenAsync(cancellationToken))
        {
            users = await read.HeldOperations.ListUsersWithOverdueAsync(_time.GetUtcNow(), cancellationToken);
        }

        var count = 0;
        foreach (var userId in users)
        {
            var expired = new List<Guid>();
            await using var unit = await _store.OpenAsync(cancellationToken);
            await unit.BeginAsync(cancellationToken);
            await unit.Throttle.LockAsync(ThrottleKeys.ForPush(userId), cancellationToken);
            await ExpireDueAsync(unit, userId, _time.GetUtcNow(), cancellationToken, expired);
            await unit.CommitAsync(cancellationToken);
            foreach (var id in expired)
            {
                _signals.Signal(id);
            }

            count += expired.Count;
        }

        return count;
    }

    /// <summary>Expires the user's pending operations whose time has passed; returns how many are still pending.</summary>
    private static async Task<int> ExpireDueAsync(IGateUnit unit, Guid userId, DateTimeOffset now, CancellationToken cancellationToken,
        List<Guid>? expired = null)
    {
        var stillPending = 0;
        foreach (var held in await unit.HeldOperations.ListPendingForUserAsync(userId, cancellationToken))
        {
            if (held.IsPendingAt(now))
            {
                stillPending++;
                continue;
            }

            if (!await unit.HeldOperations.TryDecideAsync(held.Id, HeldOperationStatus.Expired, now, cancellationToken))
            {
                continue;
            }

            Decide(held, HeldOperationStatus.Expired, now, "expired");
            expired?.Add(held.Id);
            await HeldOperationChallenges.WithdrawAsync(unit, held, null, now, cancellationToken);
            unit.Audit.Append(new AuditRecord(AuditEventTypes.OperationExpired, "expired", Actors.System, Actors.User(userId), held.SourceIp, Data(held)));
            Notify.Emit(unit, userId, NotificationTypes.OperationExpired, NotificationSeverity.Warning,
                $"An operation waiting for your approval expired and was not carried out: {held.Summary}.", Data(held), now);
        }

        return stillPending;
    }

    private async Task<HeldOperation?> ReadAsync(Guid userId, Guid id, CancellationToken cancellationToken)
    {
        await using var unit = await _store.OpenAsync(cancellationToken);
        var held = await unit.HeldOperations.FindAsync(id, cancellationToken);
        return held is not null && held.UserId == userId ? held : null;
    }

    private static void Decide(HeldOperation held, HeldOperationStatus status, DateTimeOffset now, string code)
    {
        held.Status = status;
        held.DecidedAt = now;
        held.ErrorCode = code;
    }

    private static Dictionary<string, object?> Data(HeldOperation held, Dictionary<string, object?>? more = null)
    {
        var data = more ?? [];
        data["held_operation_id"] = held.Id;
        data["operation"] = held.Operation;
        data["initiator"] = held.InitiatorRef;
        return data;
    }

    private static string Initiator(InitiatorKind kind) => kind switch
    {
        InitiatorKind.ApiKey => "An API key",
        InitiatorKind.Workstation => "A workstation",
        _ => "A signed-in session",
    };

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
