using Microsoft.Extensions.Options;
using Portcullis.Core.Audit;
using Portcullis.Core.Devices;
using Portcullis.Core.Factors;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;
using Portcullis.Core.Results;
using Portcullis.Core.Sessions;
using Portcullis.Core.Users;

namespace Portcullis.Core.SignIn;

/// <summary>
/// The second half of sign-in, and step-up within a session: a flow waits, under a handle only its
/// client holds, until one of the user's factors proves it. See <c>SignIn/README.md</c>.
/// </summary>
public sealed class SignInFlowService(
    IGateStore store,
    SessionService sessions,
    IOptions<FactorOptions> factorOptions,
    IOptions<ThrottleOptions> throttleOptions,
    TimeProvider time)
{
    private readonly FactorOptions _options = factorOptions.Value;
    private readonly ThrottleSchedule _schedule = throttleOptions.Value.Account;

    /// <summary>The factors that can finish a flow for this user: active ones, SMS only where it is enabled.</summary>
    public IReadOnlyList<Factor> Usable(IEnumerable<Factor> factors) =>
        factors.Where(f => f.IsActive && (f.Kind != FactorKind.Sms || _options.Sms.Enabled)).ToList();

    /// <summary>Adds a sign-in flow to <paramref name="unit"/>, after the password was verified.</summary>
    public FlowStarted StartSignIn(IGateUnit unit, User user, IReadOnlyList<Factor> factors, SignInRequest request, Guid? deviceId,
        DateTimeOffset passwordAt)
    {
        var handle = SessionToken.NewFlowHandle();
        var flow = new SignInFlow
        {
            Id = Guid.CreateVersion7(passwordAt),
            HandleHash = SessionToken.Hash(handle),
            UserId = user.Id,
            Purpose = SignInFlowPurpose.SignIn,
            Client = request.Client,
            DeviceId = deviceId,
            DeviceName = request.DeviceName is { Length: > 0 } name ? DeviceNames.From(name, null, request.Client) : null,
            Ip = request.Ip?.ToString(),
            UserAgent = request.UserAgent is { Length: > 256 } ua ? ua[..256] : request.UserAgent,
            PasswordAt = passwordAt,
            CreatedAt = passwordAt,
            ExpiresAt = passwordAt + _options.FlowLifetime,
        };
        unit.Flows.Add(flow);
        unit.Audit.Append(new AuditRecord(AuditEventTypes.SignInSecondFactorRequired, "ok", Actors.User(user.Id), Actors.Flow(flow.Id),
            flow.Ip, new Dictionary<string, object?> { ["factors"] = factors.Select(f => FactorCatalog.WireName(f.Kind)).Distinct().ToList() }));
        return new FlowStarted(handle, flow, factors);
    }

    /// <summary>Starts a step-up: a fresh second-factor proof to add to the current session.</summary>
    public async Task<Result<FlowStarted>> StartStepUpAsync(SessionContext current, string? ip, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var unit = await store.OpenAsync(cancellationToken);
        var factors = Usable(await unit.Factors.ListForUserAsync(current.User.Id, cancellationToken));
        if (factors.Count == 0)
        {
            return FactorErrors.NotAvailable();
        }

        var handle = SessionToken.NewFlowHandle();
        var flow = new SignInFlow
        {
            Id = Guid.CreateVersion7(now),
            HandleHash = SessionToken.Hash(handle),
            UserId = current.User.Id,
            Purpose = SignInFlowPurpose.StepUp,
            SessionId = current.Session.Id,
            Client = current.Session.Client,
            DeviceId = current.Session.DeviceId,
            Ip = ip,
            PasswordAt = current.Session.CreatedAt,
            CreatedAt = now,
            ExpiresAt = now + _options.FlowLifetime,
        };
        unit.Flows.Add(flow);
        unit.Audit.Append(new AuditRecord(AuditEventTypes.StepUpStarted, "ok", Actors.User(current.User.Id), Actors.Flow(flow.Id), ip));
        await unit.CommitAsync(cancellationToken);
        return new FlowStarted(handle, flow, factors);
    }

    /// <summary>
    /// Runs a preparatory step of an open flow (WebAuthn options, sending a push or an SMS code). Changes
    /// made through the context's unit are committed with the step's audit records.
    /// </summary>
    public async Task<Result<T>> PrepareAsync<T>(string? handle, Func<FlowContext, CancellationToken, Task<Result<T>>> prepare,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var unit = await store.OpenAsync(cancellationToken);
        var opened = await OpenAsync(unit, handle, now, cancellationToken);
        if (!opened.IsSuccess)
        {
            return opened.Error;
        }

        var result = await prepare(new FlowContext(unit, opened.Value.Flow, opened.Value.User, now), cancellationToken);
        await unit.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// Runs a proving step: <paramref name="verify"/> checks the factor; on success the flow completes in the
    /// same transaction (a session, or a stepped-up one), on failure the attempt is counted against the flow
    /// and against the user's second-factor throttle, and audited with its reason.
    /// </summary>
    public async Task<Result<FlowCompletion>> ProveAsync(string? handle, FactorKind kind,
        Func<FlowContext, CancellationToken, Task<Result<FactorProof>>> verify, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var unit = await store.OpenAsync(cancellationToken);
        var opened = await OpenAsync(unit, handle, now, cancellationToken);
        if (!opened.IsSuccess)
        {
            return opened.Error;
        }

        var (flow, user) = opened.Value;
        await unit.BeginAsync(cancellationToken);
        var counter = await unit.Throttle.LockAsync(ThrottleKeys.ForSecondFactor(user.Id), cancellationToken);
        if (counter.NextAttemptAt is { } next && next > now)
        {
            await unit.CommitAsync(cancellationToken);
            return FactorErrors.Throttled(TimeSpan.FromSeconds(Math.Ceiling((next - now).TotalSeconds)));
        }

        var proof = await verify(new FlowContext(unit, flow, user, now), cancellationToken);
        if (!proof.IsSuccess)
        {
            var error = proof.Error;
            if (error.Code == FactorErrors.InvalidCode)
            {
                counter.Failures++;
                counter.LastFailureAt = now;
                var delay = _schedule.DelayAfter(counter.Failures);
                counter.NextAttemptAt = delay > TimeSpan.Zero ? now + delay : null;
                flow.Failures++;
                if (flow.Failures >= _options.MaxFlowFailures)
                {
                    flow.State = SignInFlowState.Failed;
                }
            }

            unit.Audit.Append(new AuditRecord(AuditEventTypes.SignInFailed, error.Reason ?? error.Code, Actors.User(user.Id), Actors.Flow(flow.Id),
                flow.Ip, new Dictionary<string, object?>
                {
                    ["step"] = flow.Purpose == SignInFlowPurpose.StepUp ? "step_up" : "second_factor",
                    ["factor"] = FactorCatalog.WireName(kind),
                    ["flow_failures"] = flow.Failures,
                }));
            await unit.CommitAsync(cancellationToken);
            return flow.State == SignInFlowState.Failed ? FactorErrors.FlowFailed() : error;
        }

        await unit.Throttle.ResetAsync(ThrottleKeys.ForSecondFactor(user.Id), cancellationToken);
        var completion = flow.Purpose == SignInFlowPurpose.StepUp
            ? await CompleteStepUpAsync(unit, flow, user, proof.Value, now, cancellationToken)
            : await CompleteSignInAsync(unit, flow, user, proof.Value, now, cancellationToken);
        if (!completion.IsSuccess)
        {
            return completion.Error;
        }

        await unit.CommitAsync(cancellationToken);
        return completion;
    }

    private static async Task<Result<(SignInFlow Flow, User User)>> OpenAsync(IGateUnit unit, string? handle, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (!SessionToken.HasShape(handle, SessionToken.FlowPrefix))
        {
            return FactorErrors.FlowInvalid();
        }

        var flow = await unit.Flows.FindByHandleHashAsync(SessionToken.Hash(handle!), cancellationToken);
        if (flow is null || flow.State == SignInFlowState.Completed)
        {
            return FactorErrors.FlowInvalid();
        }

        if (now >= flow.ExpiresAt)
        {
            // The holder of a real handle came back too late: worth a line in the audit log (an unknown
            // handle is not, as anyone can send one).
            unit.Audit.Append(new AuditRecord(AuditEventTypes.SignInFailed, "flow_expired", Actors.User(flow.UserId), Actors.Flow(flow.Id),
                flow.Ip, new Dictionary<string, object?>
                {
                    ["step"] = flow.Purpose == SignInFlowPurpose.StepUp ? "step_up" : "second_factor",
                    ["expired_at"] = flow.ExpiresAt,
                }));
            await unit.CommitAsync(cancellationToken);
            return FactorErrors.FlowInvalid();
        }

        if (flow.State == SignInFlowState.Failed)
        {
            return FactorErrors.FlowFailed();
        }

        var user = await unit.Users.FindAsync(flow.UserId, cancellationToken);
        return user is { IsActive: true } ? (flow, user) : FactorErrors.FlowInvalid();
    }

    private async Task<Result<FlowCompletion>> CompleteSignInAsync(IGateUnit unit, SignInFlow flow, User user, FactorProof proof,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (device, newToken) = await DeviceRegistry.RegisterOrTouchAsync(unit, user, flow.DeviceId, flow.Client, flow.DeviceName,
            flow.UserAgent, flow.Ip, now, cancellationToken);
        if (device.Trust != DeviceTrust.Trusted)
        {
            device.Trust = DeviceTrust.Trusted;
            Protection.Cooldowns.Start(unit, user.Id, Protection.CooldownReasons.DeviceTrusted, flow.Ip, now);
        }
        var (session, token) = sessions.Create(unit, user, flow.Client, AuthenticationMethods.Password, device.Id, flow.Ip, flow.UserAgent,
            now, authenticatedAt: flow.PasswordAt);
        session.Authentications.Add(Event(session.Id, proof, device.Id, now));
        Used(unit, user, proof, session, now);
        flow.State = SignInFlowState.Completed;
        flow.CompletedAt = now;
        unit.Audit.Append(new AuditRecord(AuditEventTypes.SignInSucceeded, "ok", Actors.User(user.Id), Actors.Session(session.Id), flow.Ip,
            new Dictionary<string, object?>
            {
                ["method"] = $"{AuthenticationMethods.Password}+{proof.Method}",
                ["factor_id"] = proof.Factor.Id,
                ["device_id"] = device.Id,
                ["new_device"] = newToken is not null,
                ["assurance"] = Assurance.WireName(session.Assurance),
                ["client"] = flow.Client.ToString().ToLowerInvariant(),
            }));
        return new FlowCompletion(SignInFlowPurpose.SignIn, user, session, token, device, newToken);
    }

    private static async Task<Result<FlowCompletion>> CompleteStepUpAsync(IGateUnit unit, SignInFlow flow, User user, FactorProof proof,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var session = flow.SessionId is { } id ? await unit.Sessions.FindAsync(id, cancellationToken) : null;
        if (session is null || !session.IsActiveAt(now))
        {
            return FactorErrors.FlowInvalid();
        }

        // The session's device has now proven a second factor, as a sign-in with one would have: it becomes trusted (with the
        // same cool-down), so that a user who signed in with the password alone and then enrolled a factor need not sign in again.
        if (session.DeviceId is { } deviceId && await unit.Devices.FindAsync(deviceId, cancellationToken) is { IsActive: true } device
            && device.UserId == user.Id && device.Trust != DeviceTrust.Trusted)
        {
            device.Trust = DeviceTrust.Trusted;
            Protection.Cooldowns.Start(unit, user.Id, Protection.CooldownReasons.DeviceTrusted, flow.Ip, now);
        }

        var token = SessionToken.NewSessionToken();
        session.TokenHash = SessionToken.Hash(token);
        session.LastSeenAt = now;
        unit.Sessions.AddAuthentication(Event(session.Id, proof, session.DeviceId, now));
        Used(unit, user, proof, session, now);
        flow.State = SignInFlowState.Completed;
        flow.CompletedAt = now;
        unit.Audit.Append(new AuditRecord(AuditEventTypes.SessionSteppedUp, "ok", Actors.User(user.Id), Actors.Session(session.Id), flow.Ip,
            new Dictionary<string, object?> { ["method"] = proof.Method, ["factor_id"] = proof.Factor.Id }));
        return new FlowCompletion(SignInFlowPurpose.StepUp, user, session, token, null, null);
    }

    private static SessionAuthentication Event(Guid sessionId, FactorProof proof, Guid? deviceId, DateTimeOffset now) => new()
    {
        SessionId = sessionId,
        Method = proof.Method,
        At = now,
        DeviceId = proof.Factor.DeviceId ?? deviceId,
        FactorId = proof.Factor.Id,
        Class = proof.Factor.Class,
        DeviceBound = proof.DeviceBound,
    };

    private static void Used(IGateUnit unit, User user, FactorProof proof, Session session, DateTimeOffset now)
    {
        proof.Factor.LastUsedAt = now;
        if (proof.Factor.Kind == FactorKind.RecoveryCodes)
        {
            // A recovery code is only for getting back in: the session must enrol a new factor first.
            session.FactorEnrollmentRequired = true;
            Notify.Emit(unit, user.Id, NotificationTypes.RecoveryCodeUsed, NotificationSeverity.Critical,
                "A recovery code was used to sign in to your account. If this wasn't you, freeze your account now.",
                new Dictionary<string, object?> { ["session_id"] = session.Id, ["ip"] = session.Ip }, now);
        }
    }
}
