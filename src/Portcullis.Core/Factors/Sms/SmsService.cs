using System.Globalization;
using Microsoft.Extensions.Options;
using Portcullis.Core.Audit;
using Portcullis.Core.Persistence;
using Portcullis.Core.Results;
using Portcullis.Core.Sessions;
using Portcullis.Core.SignIn;

namespace Portcullis.Core.Factors.Sms;

/// <summary>
/// SMS codes, a restricted factor (NIST SP 800-63B-4 §3.1.3.3): off unless <c>Factors:Sms:Enabled</c>, never enough
/// for tier 1, and every user who enrols one is told it is the weakest factor. Codes are 6 random digits, single
/// use, valid for <c>CodeLifetime</c> (at most 10 minutes), and refused after <see cref="MaxAttemptsPerCode"/> wrong
/// answers; at most <c>MaxSendsPerWindow</c> codes go to one user per 15 minutes. Messages leave through
/// <see cref="ISmsSender"/> after the transaction that recorded them, so a slow gateway never holds a lock.
/// See <c>README.md</c> beside this file for the states.
/// </summary>
public sealed class SmsService(
    IGateStore store,
    ISmsSender sender,
    SignInFlowService flows,
    IOptions<FactorOptions> options,
    TimeProvider time)
{
    public const int MaxAttemptsPerCode = 5;

    public const string Warning =
        "Text messages are the weakest second factor: codes can be intercepted, and a phone number can be taken over " +
        "(SIM swap). Prefer a security key or an authenticator app; SMS codes are never accepted for critical operations.";

    private readonly SmsOptions _sms = options.Value.Sms;

    /// <summary>Starts enrolling a phone: a pending factor and a code sent to the number, to confirm with <see cref="ConfirmAsync"/>.</summary>
    public async Task<Result<SmsCodeSent>> BeginEnrolmentAsync(SessionContext current, string? phone, string? name, string? ip,
        CancellationToken cancellationToken)
    {
        if (!_sms.Enabled)
        {
            return FactorErrors.Disabled();
        }

        if (!PhoneNumber.TryNormalize(phone, out var e164))
        {
            return SmsErrors.PhoneInvalid();
        }

        var now = time.GetUtcNow();
        var userId = current.User.Id;
        string code;
        SmsCodeSent sent;
        await using (var unit = await store.OpenAsync(cancellationToken))
        {

            await unit.BeginAsync(cancellationToken);
            var taken = await TakeSendAsync(unit, userId, Actors.User(userId), ip, now, cancellationToken);
            if (!taken.IsSuccess)
            {
                await unit.CommitAsync(cancellationToken);
                return taken.Error!;
            }

            var factor = new Factor
            {
                Id = Guid.CreateVersion7(now),
                UserId = userId,
                Kind = FactorKind.Sms,
                Name = FactorService.Clean(name) ?? "Phone",
                CreatedAt = now,
                Phone = e164,
            };
            code = SmsCodeChallenge.NewCode();
            var expiresAt = now + _sms.CodeLifetime;
            unit.Factors.Add(factor);

            // The enrolment challenge shares the pending factor's id, so the confirm step finds it by the factor.
            unit.PendingChallenges.Add(new PendingChallenge
            {
                Id = factor.Id,
                UserId = userId,
                SessionId = current.Session.Id,
                Purpose = PendingChallengePurpose.SmsEnrollment,
                FactorId = factor.Id,
                Data = SmsCodeChallenge.Issue(factor.Id, code).ToData(),
                CreatedAt = now,
                ExpiresAt = expiresAt,
            });
            unit.Audit.Append(new AuditRecord(AuditEventTypes.FactorEnrolmentStarted, "ok", Actors.User(userId), Actors.Factor(factor.Id), ip,
                new Dictionary<string, object?> { ["kind"] = "sms", ["phone"] = PhoneNumber.Mask(e164) }));
            await unit.CommitAsync(cancellationToken);
            sent = new SmsCodeSent(factor, expiresAt);
        }

        var delivered = await DeliverAsync(e164, Message(code, "to add this phone to your account"), userId, Actors.Factor(sent.Factor.Id),
            ip, "enrolment", cancellationToken);
        return delivered.IsSuccess ? sent : delivered.Error!;
    }

    /// <summary>Activates a pending SMS factor with the code sent to it.</summary>
    public async Task<Result<Factor>> ConfirmAsync(SessionContext current, Guid factorId, string? code, string? ip, CancellationToken cancellationToken)
    {
        if (!_sms.Enabled)
        {
            return FactorErrors.Disabled();
        }

        var now = time.GetUtcNow();
        await using var unit = await store.OpenAsync(cancellationToken);
        var factor = await unit.Factors.FindAsync(factorId, cancellationToken);
        if (factor is not { Kind: FactorKind.Sms, Status: FactorStatus.Pending } || factor.UserId != current.User.Id)
        {
            return FactorErrors.NotFound();
        }

        await unit.BeginAsync(cancellationToken);
        var pending = await unit.PendingChallenges.FindAsync(factor.Id, cancellationToken);
        var challenge = pending is { Purpose: PendingChallengePurpose.SmsEnrollment } && pending.UserId == current.User.Id &&
            pending.FactorId == factor.Id && pending.IsOpenAt(now) && pending.Attempts < MaxAttemptsPerCode
                ? SmsCodeChallenge.TryParse(pending.Data)
                : null;
        if (challenge is null || pending is null)
        {
            EnrolmentFailed(unit, factor, ip, "expired");
            await unit.CommitAsync(cancellationToken);
            return FactorErrors.EnrollmentInvalid();
        }

        if (!challenge.Matches(code))
        {
            pending.Attempts++;
            if (pending.Attempts >= MaxAttemptsPerCode)
            {
                pending.ConsumedAt = now;
            }

            EnrolmentFailed(unit, factor, ip, "wrong_code");
            await unit.CommitAsync(cancellationToken);
            return FactorErrors.Invalid() with { Reason = "wrong_code" };
        }

        pending.ConsumedAt = now;
        factor.LastUsedAt = now;
        FactorService.Bind(unit, factor, ip, now);
        await unit.CommitAsync(cancellationToken);
        return factor;
    }

    /// <summary>
    /// The first step of an SMS proof in a sign-in or step-up flow: sends a code to one of the user's phones
    /// (<paramref name="factorId"/>, or the oldest) and records its hash as the flow's outstanding challenge.
    /// </summary>
    public async Task<Result<SmsCodeSent>> SendFlowCodeAsync(string? handle, Guid? factorId, CancellationToken cancellationToken)
    {
        var prepared = await flows.PrepareAsync<PreparedCode>(handle, (context, ct) => IssueFlowCodeAsync(context, factorId, ct), cancellationToken);
        if (!prepared.IsSuccess)
        {
            return prepared.Error;
        }

        var p = prepared.Value;
        var delivered = await DeliverAsync(p.Phone, Message(p.Code, "to sign in"), p.UserId, Actors.Flow(p.FlowId), p.Ip, "sign_in", cancellationToken);
        return delivered.IsSuccess ? p.Sent : delivered.Error!;
    }

    /// <summary>
    /// Proves a flow with the code sent by <see cref="SendFlowCodeAsync"/> (run inside
    /// <see cref="SignInFlowService.ProveAsync"/>). The code is cleared when it is used, when it has expired,
    /// and after <see cref="MaxAttemptsPerCode"/> wrong answers.
    /// </summary>
    public async Task<Result<FactorProof>> VerifyAsync(FlowContext context, string? code, CancellationToken cancellationToken)
    {
        if (!_sms.Enabled)
        {
            return FactorErrors.NotAvailable();
        }

        var flow = context.Flow;
        var challenge = flow.ChallengeKind == FactorKind.Sms ? SmsCodeChallenge.TryParse(flow.ChallengeData) : null;
        if (challenge is null)
        {
            return FactorErrors.Invalid() with { Reason = "no_code" };
        }

        if (flow.ChallengeExpiresAt is not { } expiresAt || context.Now >= expiresAt)
        {
            ClearChallenge(flow);
            return FactorErrors.Invalid() with { Reason = "expired" };
        }

        var factor = await context.Unit.Factors.FindAsync(challenge.FactorId, cancellationToken);
        if (factor is not { Kind: FactorKind.Sms, IsActive: true } || factor.UserId != context.User.Id)
        {
            ClearChallenge(flow);
            return FactorErrors.Invalid() with { Reason = "factor_removed" };
        }

        if (!challenge.Matches(code))
        {
            var attempts = challenge.Attempts + 1;
            if (attempts >= MaxAttemptsPerCode)
            {
                ClearChallenge(flow);
            }
            else
            {
                flow.ChallengeData = (challenge with { Attempts = attempts }).ToData();
            }

            return FactorErrors.Invalid() with { Reason = "wrong_code" };
        }

        ClearChallenge(flow);
        return new FactorProof(factor, AuthenticationMethods.Sms);
    }

    private async Task<Result<PreparedCode>> IssueFlowCodeAsync(FlowContext context, Guid? factorId, CancellationToken cancellationToken)
    {
        // Disabled looks the same as "no phone enrolled": a caller holding only a flow learns nothing more.
        var phones = _sms.Enabled
            ? (await context.Unit.Factors.ListForUserAsync(context.User.Id, cancellationToken)).Where(f => f is { Kind: FactorKind.Sms, IsActive: true, Phone: not null })
            : [];
        var factor = factorId is { } id ? phones.FirstOrDefault(f => f.Id == id) : phones.FirstOrDefault();
        if (factor is null)
        {
            return FactorErrors.NotAvailable();
        }

        var flow = context.Flow;
        await context.Unit.BeginAsync(cancellationToken);
        var taken = await TakeSendAsync(context.Unit, context.User.Id, Actors.Flow(flow.Id), flow.Ip, context.Now, cancellationToken);
        if (!taken.IsSuccess)
        {
            return taken.Error!;
        }

        var code = SmsCodeChallenge.NewCode();
        var expiresAt = context.Now + _sms.CodeLifetime;
        flow.ChallengeKind = FactorKind.Sms;
        flow.ChallengeData = SmsCodeChallenge.Issue(factor.Id, code).ToData();
        flow.ChallengeExpiresAt = expiresAt;
        return new PreparedCode(new SmsCodeSent(factor, expiresAt), factor.Phone!, code, context.User.Id, flow.Id, flow.Ip);
    }

    /// <summary>Counts a send against the user's window (in <paramref name="unit"/>, transaction begun); a refusal is audited.</summary>
    private async Task<Result> TakeSendAsync(IGateUnit unit, Guid userId, string actorOrFlow, string? ip, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var counter = await unit.Throttle.LockAsync(ThrottleKeys.ForSms(userId), cancellationToken);
        var taken = SmsSendWindow.Take(counter, _sms.MaxSendsPerWindow, now);
        if (!taken.IsSuccess)
        {
            unit.Audit.Append(new AuditRecord(AuditEventTypes.SmsSendFailed, "send_limit", Actors.User(userId), actorOrFlow, ip,
                new Dictionary<string, object?> { ["max_sends"] = _sms.MaxSendsPerWindow }));
        }

        return taken;
    }

    /// <summary>Sends the message (no transaction open) and audits the outcome in a unit of its own.</summary>
    private async Task<Result> DeliverAsync(string e164, string message, Guid userId, string subject, string? ip, string purpose,
        CancellationToken cancellationToken)
    {
        var delivered = await sender.SendAsync(e164, message, cancellationToken);
        await using var unit = await store.OpenAsync(cancellationToken);
        var data = new Dictionary<string, object?> { ["purpose"] = purpose, ["to"] = PhoneNumber.Mask(e164), ["sender"] = _sms.Sender };
        unit.Audit.Append(delivered.IsSuccess
            ? new AuditRecord(AuditEventTypes.SmsSent, "ok", Actors.User(userId), subject, ip, data)
            : new AuditRecord(AuditEventTypes.SmsSendFailed, delivered.Error!.Reason ?? delivered.Error.Code, Actors.User(userId), subject, ip, data));
        await unit.CommitAsync(cancellationToken);
        return delivered.IsSuccess ? Result.Success() : SmsErrors.DeliveryFailed();
    }

    private static void EnrolmentFailed(IGateUnit unit, Factor factor, string? ip, string reason) =>
        unit.Audit.Append(new AuditRecord(AuditEventTypes.FactorEnrolmentFailed, reason, Actors.User(factor.UserId), Actors.Factor(factor.Id), ip,
            new Dictionary<string, object?> { ["kind"] = "sms" }));

    private static void ClearChallenge(SignInFlow flow)
    {
        flow.ChallengeKind = null;
        flow.ChallengeData = null;
        flow.ChallengeExpiresAt = null;
    }

    private string Message(string code, string purpose) => string.Create(CultureInfo.InvariantCulture,
        $"Your Portcullis code {purpose} is {code}. It expires in {(int)Math.Ceiling(_sms.CodeLifetime.TotalMinutes)} min. Never share it: nobody from Portcullis will ask for it.");

    private sealed record PreparedCode(SmsCodeSent Sent, string Phone, string Code, Guid UserId, Guid FlowId, string? Ip)
    {
        public override string ToString() => $"PreparedCode {{ Flow = {FlowId} }}";
    }
}
