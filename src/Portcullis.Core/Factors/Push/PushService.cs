using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Portcullis.Core.Audit;
using Portcullis.Core.Devices;
using Portcullis.Core.Persistence;
using Portcullis.Core.Results;
using Portcullis.Core.Secrets;
using Portcullis.Core.Sessions;
using Portcullis.Core.SignIn;

namespace Portcullis.Core.Factors.Push;

/// <summary>
/// The signing-in side of push approvals (see <c>README.md</c> beside this file): send a number-matched push to
/// an authenticator, finish the flow once it was approved, or finish it with the authenticator's offline code.
/// </summary>
public sealed class PushService(
    IGateStore store,
    SignInFlowService flows,
    ISecretProtector protector,
    PushSignals signals,
    IOptions<FactorOptions> options,
    TimeProvider time)
{
    private readonly PushOptions _push = options.Value.Push;

    /// <summary>
    /// Sends a push for the flow behind <paramref name="handle"/>:
    /// <list type="number">
    /// <item>pick the authenticator (<paramref name="factorId"/>, else the one used most recently);</item>
    /// <item>serialised per user: refuse while the user's push failure delay runs (the count is never reset by
    /// asking again);</item>
    /// <item>if this flow's push is still pending, send that one again (same number) instead of a new one;</item>
    /// <item>refuse when the user already has <see cref="PushOptions.MaxPending"/> unanswered pushes;</item>
    /// <item>otherwise create the challenge (number, three choices, nonce, request details), expiring after
    /// <see cref="PushOptions.ChallengeLifetime"/> or with the flow, whichever comes first; then wake the device.</item>
    /// </list>
    /// </summary>
    public async Task<Result<PushSent>> SendAsync(string? handle, Guid? factorId, CancellationToken cancellationToken)
    {
        var sent = await flows.PrepareAsync(handle, (context, ct) => SendInFlowAsync(context, factorId, ct), cancellationToken);
        if (sent.IsSuccess)
        {
            signals.Signal(sent.Value.Challenge.DeviceId);
        }

        return sent;
    }

    /// <summary>
    /// Finishes the flow if its push was approved. Waits up to <paramref name="wait"/> (real time) for an answer
    /// first. A push still waiting answers <c>push.pending</c> without touching the flow; a denied one
    /// <c>push.denied</c> (the flow has already failed); other outcomes go through the flow's proving step, which
    /// audits them.
    /// </summary>
    public async Task<Result<FlowCompletion>> CompleteAsync(string? handle, TimeSpan wait, CancellationToken cancellationToken)
    {
        var peek = await PeekAsync(handle, cancellationToken);
        if (peek?.Challenge is { } waiting && wait > TimeSpan.Zero && Waiting(peek))
        {
            peek = await signals.PollAsync(waiting.Id, wait, ct => PeekAsync(handle, ct), p => !Waiting(p), cancellationToken);
        }

        var now = time.GetUtcNow();
        if (peek is { Flow.State: SignInFlowState.Failed, Challenge.Status: PushChallengeStatus.Denied })
        {
            return PushErrors.Denied();
        }

        if (peek is not null && peek.Flow.IsOpenAt(now))
        {
            if (peek.Challenge is null)
            {
                return PushErrors.NotSent();
            }

            if (peek.Challenge.IsPendingAt(now))
            {
                return PushErrors.Pending();
            }
        }

        return await flows.ProveAsync(handle, FactorKind.Push, VerifyApprovalAsync, cancellationToken);
    }

    /// <summary>Proves a flow with an offline code from any of the user's active authenticators (each time step once).</summary>
    public async Task<Result<FactorProof>> VerifyOfflineCodeAsync(FlowContext context, string? code, CancellationToken cancellationToken)
    {
        var factors = await UsableAsync(context.Unit, context.User.Id, cancellationToken);
        if (factors.Count == 0)
        {
            return FactorErrors.NotAvailable();
        }

        var clean = code?.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (clean is null || clean.Length != PushProtocol.OfflineDigits)
        {
            return FactorErrors.Invalid() with { Reason = "wrong_code" };
        }

        foreach (var (factor, _) in factors)
        {
            if (factor.SecretCiphertext is null || protector.Unprotect(factor.SecretCiphertext, AuthenticatorEnrollmentService.SeedPurpose) is not { } seed)
            {
                continue;
            }

            long? step;
            try
            {
                step = OfflineCode.Match(seed, clean, context.Now);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(seed);
            }

            if (step is { } matched)
            {
                return await context.Unit.Factors.TryUseOtpStepAsync(context.User.Id, matched, cancellationToken)
                    ? new FactorProof(factor, AuthenticationMethods.OfflineCode)
                    : FactorErrors.Invalid() with { Reason = "replayed" };
            }
        }

        return FactorErrors.Invalid() with { Reason = "wrong_code" };
    }

    private bool Waiting(Peek? peek)
    {
        var now = time.GetUtcNow();
        return peek is { Challenge: { } challenge } && peek.Flow.IsOpenAt(now) && challenge.IsPendingAt(now);
    }

    private async Task<Result<PushSent>> SendInFlowAsync(FlowContext context, Guid? factorId, CancellationToken cancellationToken)
    {
        var (unit, flow, user, now) = context;
        var usable = await UsableAsync(unit, user.Id, cancellationToken);
        var (factor, device) = usable.FirstOrDefault(u => factorId is null || u.Factor.Id == factorId);
        if (factor is null || device is null)
        {
            return FactorErrors.NotAvailable();
        }

        await unit.BeginAsync(cancellationToken);
        var counter = await unit.Throttle.LockAsync(ThrottleKeys.ForPush(user.Id), cancellationToken);
        if (counter.NextAttemptAt is { } next && next > now)
        {
            Refused(unit, flow, user.Id, "throttled", counter.Failures);
            return FactorErrors.Throttled(TimeSpan.FromSeconds(Math.Ceiling((next - now).TotalSeconds)));
        }

        if (flow.ChallengeKind == FactorKind.Push && Guid.TryParse(flow.ChallengeData, out var currentId) &&
            await unit.PushChallenges.FindAsync(currentId, cancellationToken) is { } current && current.IsPendingAt(now) &&
            current.FactorId == factor.Id)
        {
            return new PushSent(current, device.Name);
        }

        // Challenges of held operations have their own limit (Policy:Holds:MaxPending) and must not block signing in.
        var pending = (await unit.PushChallenges.ListPendingForUserAsync(user.Id, now, cancellationToken)).Count(c => c.HeldOperationId is null);
        if (pending >= _push.MaxPending)
        {
            Refused(unit, flow, user.Id, "too_many_pending", counter.Failures);
            return FactorErrors.ChallengePending();
        }

        var (number, choices) = PushNumbers.Draw();
        var expires = now + _push.ChallengeLifetime;
        var challenge = new PushChallenge
        {
            Id = Guid.CreateVersion7(now),
            UserId = user.Id,
            FactorId = factor.Id,
            DeviceId = device.Id,
            FlowId = flow.Id,
            Number = number,
            Choices = PushNumbers.Format(choices),
            Nonce = RandomNumberGenerator.GetBytes(32),
            Summary = Truncate(flow.Purpose == SignInFlowPurpose.StepUp
                ? $"Confirm it is you (step-up) as {user.Username}"
                : $"Sign in to Portcullis as {user.Username}", 256),
            RequestIp = flow.Ip,
            RequestDevice = Truncate(flow.DeviceName ?? DeviceNames.From(null, flow.UserAgent, flow.Client), 64),
            Location = PushLocation.Describe(flow.Ip),
            CreatedAt = now,
            ExpiresAt = expires < flow.ExpiresAt ? expires : flow.ExpiresAt,
        };
        unit.PushChallenges.Add(challenge);
        flow.ChallengeKind = FactorKind.Push;
        flow.ChallengeData = challenge.Id.ToString("D");
        flow.ChallengeExpiresAt = challenge.ExpiresAt;
        unit.Audit.Append(new AuditRecord(AuditEventTypes.PushSent, "ok", Actors.User(user.Id), Actors.Device(device.Id), flow.Ip,
            new Dictionary<string, object?>
            {
                ["challenge_id"] = challenge.Id,
                ["factor_id"] = factor.Id,
                ["flow_id"] = flow.Id,
                ["expires_at"] = challenge.ExpiresAt,
            }));
        return new PushSent(challenge, device.Name);
    }

    private static void Refused(IGateUnit unit, SignInFlow flow, Guid userId, string reason, int failures) =>
        unit.Audit.Append(new AuditRecord(AuditEventTypes.PushRefused, reason, Actors.User(userId), Actors.Flow(flow.Id), flow.Ip,
            new Dictionary<string, object?> { ["push_failures"] = failures }));

    private async Task<Result<FactorProof>> VerifyApprovalAsync(FlowContext context, CancellationToken cancellationToken)
    {
        var (unit, flow, _, now) = context;
        if (flow.ChallengeKind != FactorKind.Push || !Guid.TryParse(flow.ChallengeData, out var id) ||
            await unit.PushChallenges.FindAsync(id, cancellationToken) is not { } challenge || challenge.FlowId != flow.Id)
        {
            return PushErrors.NotSent();
        }

        switch (challenge.Status)
        {
            case PushChallengeStatus.Approved:
                if (!await StillOpenAsync(flow.Id, now, cancellationToken))
                {
                    return FactorErrors.FlowInvalid() with { Reason = "approval_used" };
                }

                var factor = await unit.Factors.FindAsync(challenge.FactorId, cancellationToken);
                var device = await unit.Devices.FindAsync(challenge.DeviceId, cancellationToken);
                return factor is { IsActive: true } && device is { IsActive: true }
                    ? new FactorProof(factor, AuthenticationMethods.Push)
                    : PushErrors.Cancelled();
            case PushChallengeStatus.Pending:
                return challenge.IsPendingAt(now) ? PushErrors.Pending() : PushErrors.Expired();
            case PushChallengeStatus.Denied:
                return PushErrors.Denied();
            case PushChallengeStatus.Failed:
                return PushErrors.Failed();
            default:
                return PushErrors.Cancelled();
        }
    }

    /// <summary>
    /// One approval finishes one flow. The proving step read the flow before it took the user's second-factor
    /// lock, so a concurrent completion of the same flow may have finished it since: read it again, committed
    /// state only, from a unit of its own (the lock is still held, so nobody can finish it after this read).
    /// </summary>
    private async Task<bool> StillOpenAsync(Guid flowId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var fresh = await store.OpenAsync(cancellationToken);
        return await fresh.Flows.FindAsync(flowId, cancellationToken) is { } flow && flow.IsOpenAt(now);
    }

    /// <summary>The user's active push factors on active devices, most recently used first.</summary>
    private static async Task<IReadOnlyList<(Factor Factor, Device Device)>> UsableAsync(IGateUnit unit, Guid userId, CancellationToken cancellationToken)
    {
        var usable = new List<(Factor, Device)>();
        var factors = (await unit.Factors.ListForUserAsync(userId, cancellationToken))
            .Where(f => f is { Kind: FactorKind.Push, IsActive: true, DeviceId: not null })
            .OrderByDescending(f => f.LastUsedAt ?? f.ActivatedAt ?? f.CreatedAt);
        foreach (var factor in factors)
        {
            if (await unit.Devices.FindAsync(factor.DeviceId!.Value, cancellationToken) is { IsActive: true } device)
            {
                usable.Add((factor, device));
            }
        }

        return usable;
    }

    private async Task<Peek?> PeekAsync(string? handle, CancellationToken cancellationToken)
    {
        if (!SessionToken.HasShape(handle, SessionToken.FlowPrefix))
        {
            return null;
        }

        await using var unit = await store.OpenAsync(cancellationToken);
        var flow = await unit.Flows.FindByHandleHashAsync(SessionToken.Hash(handle!), cancellationToken);
        if (flow is null)
        {
            return null;
        }

        var challenge = flow.ChallengeKind == FactorKind.Push && Guid.TryParse(flow.ChallengeData, CultureInfo.InvariantCulture, out var id)
            ? await unit.PushChallenges.FindAsync(id, cancellationToken)
            : null;
        return new Peek(flow, challenge is not null && challenge.FlowId == flow.Id ? challenge : null);
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    private sealed record Peek(SignInFlow Flow, PushChallenge? Challenge);
}
