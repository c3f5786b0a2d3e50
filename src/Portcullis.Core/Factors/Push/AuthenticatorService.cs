using Microsoft.Extensions.Options;
using Portcullis.Core.Audit;
using Portcullis.Core.Holds;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;
using Portcullis.Core.Results;
using Portcullis.Core.SignIn;

namespace Portcullis.Core.Factors.Push;

/// <summary>
/// The device side of push approvals: authenticating a device's signed request, handing it its pending
/// challenges (long poll), and taking its answers. Every request and every answer re-checks that the device is
/// not revoked and that its push factor is still active.
/// </summary>
public sealed class AuthenticatorService(
    IGateStore store,
    PushSignals signals,
    HeldOperationService holds,
    IOptions<FactorOptions> factorOptions,
    IOptions<ThrottleOptions> throttleOptions,
    IOptions<Protection.ProtectionOptions> protectionOptions,
    TimeProvider time)
{
    /// <summary>Longest long poll a device may ask for.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);
    private readonly FactorOptions _options = factorOptions.Value;
    private readonly ThrottleSchedule _schedule = throttleOptions.Value.Account;

    /// <summary>
    /// Checks a device request's signature (<see cref="PushProtocol.DeviceRequestMessage"/>):
    /// <list type="number">
    /// <item>the timestamp is within <see cref="PushProtocol.MaxClockSkewSeconds"/> of the gate's clock;</item>
    /// <item>the device exists and is an authenticator;</item>
    /// <item>it is not revoked, its push factor is active and its user is active;</item>
    /// <item>the Ed25519 signature verifies with the factor's public key.</item>
    /// </list>
    /// Failures from a known device are audited. A request that passes refreshes the device's last-seen time
    /// (at most once a minute, or when its address changed).
    /// </summary>
    public async Task<Result<AuthenticatedDevice>> AuthenticateAsync(DeviceRequest request, string? ip, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (Math.Abs(now.ToUnixTimeSeconds() - request.Timestamp) > PushProtocol.MaxClockSkewSeconds)
        {
            return AuthenticatorErrors.ClockSkew();
        }

        await using var unit = await store.OpenAsync(cancellationToken);
        var device = await unit.Devices.FindAsync(request.DeviceId, cancellationToken);
        if (device is not { Kind: Devices.DeviceKind.Authenticator })
        {
            return AuthenticatorErrors.Unauthorized() with { Reason = "unknown_device" };
        }

        var factor = (await unit.Factors.ListForDeviceAsync(device.Id, cancellationToken)).FirstOrDefault(f => f is { Kind: FactorKind.Push, IsActive: true });
        var user = await unit.Users.FindAsync(device.UserId, cancellationToken);
        Error? refusal = null;
        if (!device.IsActive || factor is null || user is not { IsActive: true })
        {
            refusal = AuthenticatorErrors.Revoked();
        }
        else if (!PushProtocol.Verify(factor.PublicKey,
            PushProtocol.DeviceRequestMessage(request.Method, request.Target, request.Timestamp, request.BodySha256), request.Signature))
        {
            refusal = AuthenticatorErrors.Unauthorized() with { Reason = "bad_signature" };
        }

        if (refusal is not null)
        {
            unit.Audit.Append(new AuditRecord(AuditEventTypes.AuthenticatorRefused, refusal.Reason!, Actors.Anonymous, Actors.Device(device.Id), ip,
                new Dictionary<string, object?> { ["user_id"] = device.UserId, ["method"] = request.Method, ["target"] = request.Target }));
            await unit.CommitAsync(cancellationToken);
            return refusal;
        }

        if (now - device.LastSeenAt >= TouchInterval || device.LastIp != ip)
        {
            unit.Devices.Touch(device, now, ip);
            await unit.CommitAsync(cancellationToken);
        }

        return new AuthenticatedDevice(device.Id, device.UserId, factor!.Id, device.Name);
    }

    /// <summary>
    /// The device's pending challenges, oldest first; when there are none, waits up to <paramref name="wait"/> (real
    /// time, at most <see cref="MaxWait"/>) for one, woken at once by a push sent on this node.
    /// </summary>
    public Task<IReadOnlyList<PushChallenge>> WaitForChallengesAsync(AuthenticatedDevice device, TimeSpan wait, CancellationToken cancellationToken) =>
        signals.PollAsync(device.DeviceId, wait > MaxWait ? MaxWait : wait, ct => PendingAsync(device, ct), list => list.Count > 0, cancellationToken);

    /// <summary>
    /// Takes a device's answer to one of its challenges. Serialised per user with sending and other answers:
    /// <list type="number">
    /// <item>re-check the device and its factor (revoked → <c>authenticator.revoked</c>);</item>
    /// <item>the challenge must be this device's, still pending and not expired (else <c>push.not_found</c>,
    /// <c>push.already_answered</c> — which is how a replayed approval ends — or <c>push.expired</c>);</item>
    /// <item>the signature over <see cref="PushProtocol.AnswerMessage"/> must verify, else the challenge fails and the
    /// attempt counts on the user's push throttle and against the flow (<c>push.signature_invalid</c>);</item>
    /// <item>deny: the challenge is denied, the flow fails, the user's push throttle counts it, and the user is
    /// alerted ("this wasn't me");</item>
    /// <item>approve with the wrong number: the challenge fails and counts like a bad signature (<c>push.wrong_number</c>);</item>
    /// <item>approve with the right number: the challenge is approved (the sign-in finishes it) and the push
    /// failure count is reset.</item>
    /// </list>
    /// A challenge of a held operation is resolved in the same unit (<see cref="HeldOperationService"/>): an approval
    /// executes the operation once, a denial cancels it and alerts the user (not charged on the push throttle), a wrong
    /// number or a bad signature cancels it.
    /// Every outcome is audited; waiting sign-ins and initiators are woken after the commit.
    /// </summary>
    public async Task<Result<PushChallenge>> AnswerAsync(AuthenticatedDevice device, Guid challengeId, PushAnswer answer, string? ip,
        CancellationToken cancellationToken)
    {
        var invalid = Validate(answer, out var approve);
        if (invalid is not null)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        await using var unit = await store.OpenAsync(cancellationToken);
        await unit.BeginAsync(cancellationToken);
        var counter = await unit.Throttle.LockAsync(ThrottleKeys.ForPush(device.UserId), cancellationToken);
        var current = await unit.Devices.FindAsync(device.DeviceId, cancellationToken);
        var factor = await unit.Factors.FindAsync(device.FactorId, cancellationToken);
        var challenge = await unit.PushChallenges.FindAsync(challengeId, cancellationToken);
        var actor = Actors.Device(device.DeviceId);

        async Task<Result<PushChallenge>> Reject(Error error, string reason)
        {
            unit.Audit.Append(new AuditRecord(AuditEventTypes.PushAnswerRejected, reason, actor, Actors.User(device.UserId), ip,
                new Dictionary<string, object?> { ["challenge_id"] = challengeId, ["decision"] = answer.Decision }));
            await unit.CommitAsync(cancellationToken);
            return error with { Reason = reason };
        }

        if (current is not { IsActive: true } || factor is not { IsActive: true })
        {
            return await Reject(AuthenticatorErrors.Revoked(), "device_revoked");
        }

        if (challenge is null || challenge.DeviceId != device.DeviceId || challenge.FactorId != device.FactorId)
        {
            return await Reject(PushErrors.NotFound(), "not_found");
        }

        if (challenge.Status != PushChallengeStatus.Pending)
        {
            return await Reject(PushErrors.AlreadyAnswered(), challenge.Status == PushChallengeStatus.Approved ? "replayed" : "not_pending");
        }

        if (now >= challenge.ExpiresAt)
        {
            return await Reject(PushErrors.Expired(), "expired");
        }

        var message = PushProtocol.AnswerMessage(challenge.Id, challenge.Nonce, answer.Decision!, answer.Number, challenge.Summary);
        if (!PushProtocol.Verify(factor.PublicKey, message, answer.Signature))
        {
            challenge.Status = PushChallengeStatus.Failed;
            challenge.AnsweredAt = now;
            await ChargeAsync(unit, counter, challenge, now, failFlow: false, cancellationToken);
            await holds.ResolveAsync(unit, challenge, PushChallengeStatus.Failed, current.Name, ip, now, cancellationToken);
            var rejected = await Reject(PushErrors.SignatureInvalid(), "bad_signature");
            SignalHeld(challenge);
            return rejected;
        }

        challenge.AnsweredAt = now;
        var data = new Dictionary<string, object?>
        {
            ["challenge_id"] = challenge.Id,
            ["flow_id"] = challenge.FlowId,
            ["held_operation_id"] = challenge.HeldOperationId,
            ["request_ip"] = challenge.RequestIp,
            ["push_failures"] = counter.Failures,
        };
        Error? refused = null;
        if (!approve && challenge.HeldOperationId is not null)
        {
            // Denying a held operation is the approver's decision, not a sign of a guessed password: it is not charged
            // on the push throttle, and the alert is the held operation's own (HeldOperationService).
            challenge.Status = PushChallengeStatus.Denied;
            unit.Audit.Append(new AuditRecord(AuditEventTypes.PushAnswered, "denied", actor, Actors.User(device.UserId), ip, data));
        }
        else if (!approve)
        {
            challenge.Status = PushChallengeStatus.Denied;
            await ChargeAsync(unit, counter, challenge, now, failFlow: true, cancellationToken);
            data["push_failures"] = counter.Failures;
            unit.Audit.Append(new AuditRecord(AuditEventTypes.PushDenied, "denied", actor, Actors.User(device.UserId), ip, data));
            Notify.Emit(unit, device.UserId, NotificationTypes.PushDenied, NotificationSeverity.Critical,
                $"A sign-in to your account was denied on your authenticator \"{current.Name}\" (request from {challenge.RequestIp ?? "an unknown address"}, " +
                $"{challenge.Location ?? "unknown location"}). If this wasn't you, someone knows your password: change it, and freeze your account if in doubt.",
                new Dictionary<string, object?>
                {
                    ["challenge_id"] = challenge.Id,
                    ["device_id"] = current.Id,
                    ["ip"] = challenge.RequestIp,
                    ["location"] = challenge.Location,
                    ["request_device"] = challenge.RequestDevice,
                }, now);
            if (protectionOptions.Value.FreezeOnPushDenied)
            {
                // The automated freeze rule: whoever started this sign-in knows the password.
                Protection.ProtectionService.Apply(unit, device.UserId, Protection.ProtectionService.PushDeniedFreeze, Protection.FreezeSource.Rule,
                    "rule:push_denied", "A sign-in was denied on the authenticator.", ip, now);
            }
        }
        else if (!PushNumbers.Matches(answer.Number, challenge.Number))
        {
            challenge.Status = PushChallengeStatus.Failed;
            await ChargeAsync(unit, counter, challenge, now, failFlow: false, cancellationToken);
            data["push_failures"] = counter.Failures;
            unit.Audit.Append(new AuditRecord(AuditEventTypes.PushAnswered, "wrong_number", actor, Actors.User(device.UserId), ip, data));
            refused = PushErrors.WrongNumber() with { Reason = "wrong_number" };
        }
        else
        {
            challenge.Status = PushChallengeStatus.Approved;
            await unit.Throttle.ResetAsync(ThrottleKeys.ForPush(device.UserId), cancellationToken);
            unit.Audit.Append(new AuditRecord(AuditEventTypes.PushAnswered, "approved", actor, Actors.User(device.UserId), ip, data));
        }

        await holds.ResolveAsync(unit, challenge, challenge.Status, current.Name, ip, now, cancellationToken);
        await unit.CommitAsync(cancellationToken);
        signals.Signal(challenge.Id);
        SignalHeld(challenge);
        return refused is null ? challenge : refused;
    }

    /// <summary>Wakes whoever polls the held operation a challenge belongs to (after the commit).</summary>
    private void SignalHeld(PushChallenge challenge)
    {
        if (challenge.HeldOperationId is { } id)
        {
            signals.Signal(id);
        }
    }

    private async Task<IReadOnlyList<PushChallenge>> PendingAsync(AuthenticatedDevice device, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        var pending = await unit.PushChallenges.ListPendingForDeviceAsync(device.DeviceId, time.GetUtcNow(), cancellationToken);
        return pending.Where(c => c.FactorId == device.FactorId).ToList();
    }

    /// <summary>Counts a refused answer on the user's push throttle and against the waiting flow (a denial ends it).</summary>
    private async Task ChargeAsync(IGateUnit unit, ThrottleCounter counter, PushChallenge challenge, DateTimeOffset now, bool failFlow,
        CancellationToken cancellationToken)
    {
        counter.Failures++;
        counter.LastFailureAt = now;
        counter.NextAttemptAt = now + _schedule.DelayAfter(counter.Failures);
        if (challenge.FlowId is { } flowId && await unit.Flows.FindAsync(flowId, cancellationToken) is { } flow && flow.IsOpenAt(now))
        {
            flow.Failures++;
            if (failFlow || flow.Failures >= _options.MaxFlowFailures)
            {
                flow.State = SignInFlowState.Failed;
            }
        }
    }

    private static Error? Validate(PushAnswer answer, out bool approve)
    {
        var fields = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!PushProtocol.TryParseDecision(answer.Decision, out approve))
        {
            fields["decision"] = ["approve or deny."];
        }
        else if (approve && answer.Number is not (>= 10 and <= 99))
        {
            fields["number"] = ["The two-digit number picked on the device."];
        }

        if (string.IsNullOrEmpty(answer.Signature))
        {
            fields["signature"] = ["This field is required."];
        }

        return fields.Count > 0 ? new Error("request.invalid", "Some fields are missing or invalid.") { Fields = fields } : null;
    }
}
