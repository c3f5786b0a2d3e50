using Portcullis.Core.Audit;
using Portcullis.Core.Notifications;
using Portcullis.Core.Passwords;
using Portcullis.Core.Persistence;
using Portcullis.Core.Results;
using Portcullis.Core.Sessions;
using Portcullis.Core.SignIn;

namespace Portcullis.Core.Factors.RecoveryCodes;

/// <summary>
/// Recovery codes, a look-up secret (NIST SP 800-63B-4 §3.1.2): <see cref="SetSize"/> single-use codes shown once,
/// stored as Argon2id hashes; a new set invalidates the old one. One active <see cref="FactorKind.RecoveryCodes"/>
/// factor stands for the set. Signing in with a code restricts the session until a new factor is enrolled, and
/// tells the user (<see cref="SignInFlowService"/> does both when the flow completes).
/// Hashing runs on the <see cref="PasswordHashingPool"/>, outside any transaction, as <see cref="PasswordGate"/> does.
/// See <c>README.md</c> beside this file for the states.
/// </summary>
public sealed class RecoveryCodeService(
    IGateStore store,
    Argon2idPasswordHasher hasher,
    PasswordHashingPool pool,
    SignInFlowService flows,
    TimeProvider time)
{
    public const int SetSize = 10;

    /// <summary>
    /// Generates a new set for the signed-in user (needs an active strong factor and a fresh proof); any unused
    /// codes of the previous set stop working.
    /// </summary>
    public async Task<Result<RecoveryCodeSet>> GenerateAsync(SessionContext current, string? ip, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        var factors = await unit.Factors.ListForUserAsync(current.User.Id, cancellationToken);
        if (!HasStrongFactor(factors))
        {
            return RecoveryCodeErrors.StrongFactorRequired();
        }


        return await IssueAsync(unit, current.User.Id, ip, "generated_by_user", onlyIfNone: false, cancellationToken);
    }

    /// <summary>
    /// The first set for a user who has just bound a strong factor and has no recovery codes yet, for a factor's
    /// confirm step to call after its own unit committed (and to show the codes in its answer). Fails with
    /// <see cref="RecoveryCodeErrors.AlreadyIssued"/> if the user has a set, <see cref="RecoveryCodeErrors.StrongFactorRequired"/>
    /// without an active strong factor, or <c>signin.busy</c> when the hashing pool is full; callers may ignore failures.
    /// </summary>
    public async Task<Result<RecoveryCodeSet>> IssueFirstSetAsync(Guid userId, string? ip, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        var factors = await unit.Factors.ListForUserAsync(userId, cancellationToken);
        if (!HasStrongFactor(factors))
        {
            return RecoveryCodeErrors.StrongFactorRequired();
        }

        if (factors.Any(f => f.Kind == FactorKind.RecoveryCodes))
        {
            return RecoveryCodeErrors.AlreadyIssued();
        }

        return await IssueAsync(unit, userId, ip, "first_strong_factor", onlyIfNone: true, cancellationToken);
    }

    /// <summary>How many codes are left (none without an active set) and when the set was generated.</summary>
    public async Task<RecoveryCodeStatus> GetStatusAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        var factors = await unit.Factors.ListForUserAsync(userId, cancellationToken);
        if (!factors.Any(f => f is { Kind: FactorKind.RecoveryCodes, IsActive: true }))
        {
            return new RecoveryCodeStatus(0, null);
        }

        var unused = await unit.RecoveryCodes.ListUnusedAsync(userId, cancellationToken);
        return new RecoveryCodeStatus(unused.Count, unused.Count == 0 ? null : unused.Max(c => c.CreatedAt));
    }

    /// <summary>
    /// Finishes a sign-in or step-up flow with a recovery code, in three steps:
    /// 1. read the flow user's unused codes whose first group matches (no transaction);
    /// 2. verify the whole code against their Argon2id hashes on a hashing thread — or against a dummy hash of the
    ///    same cost when none matches, so the answer's timing does not tell whether the first group exists;
    /// 3. prove the flow (<see cref="SignInFlowService.ProveAsync"/>): the matched code is marked used in the same
    ///    transaction that completes the flow, after checking it is still unused; a failure counts against the flow
    ///    and the user's second-factor throttle.
    /// </summary>
    public async Task<Result<FlowCompletion>> SignInAsync(string? handle, string? code, CancellationToken cancellationToken)
    {
        var canonical = RecoveryCodeFormat.TryNormalize(code, out var c) ? c : null;
        var read = await flows.PrepareAsync<Candidates>(handle, (context, ct) => ReadCandidatesAsync(context, canonical, ct), cancellationToken);
        if (!read.IsSuccess)
        {
            return read.Error;
        }

        Guid? matched = null;
        if (read.Value.Verify && canonical is not null)
        {
            var verified = await VerifyAsync(read.Value.Rows, canonical, cancellationToken);
            if (!verified.IsSuccess)
            {
                return verified.Error;
            }

            matched = verified.Value;
        }

        return await flows.ProveAsync(handle, FactorKind.RecoveryCodes,
            (context, ct) => UseAsync(context, canonical is not null, matched, ct), cancellationToken);
    }

    private async Task<Result<RecoveryCodeSet>> IssueAsync(IGateUnit unit, Guid userId, string? ip, string reason, bool onlyIfNone,
        CancellationToken cancellationToken)
    {
        var codes = RecoveryCodeFormat.GenerateSet(SetSize);
        var hashes = await HashAsync(codes, cancellationToken);
        if (!hashes.IsSuccess)
        {
            return hashes.Error;
        }

        var now = time.GetUtcNow();
        await unit.BeginAsync(cancellationToken);

        // Serialises this user's regenerations (and their recovery-code proofs, which hold the same lock in
        // ProveAsync) across nodes, so two concurrent requests cannot leave two valid sets.
        await unit.Throttle.LockAsync(ThrottleKeys.ForSecondFactor(userId), cancellationToken);
        var factors = await unit.Factors.ListForUserAsync(userId, cancellationToken);
        if (onlyIfNone && factors.Any(f => f.Kind == FactorKind.RecoveryCodes))
        {
            return RecoveryCodeErrors.AlreadyIssued();
        }

        var factor = factors.FirstOrDefault(f => f is { Kind: FactorKind.RecoveryCodes, IsActive: true });
        var first = factor is null;
        if (factor is null)
        {
            // The set's factor is created once and kept (with its LastUsedAt) across regenerations.
            factor = new Factor
            {
                Id = Guid.CreateVersion7(now),
                UserId = userId,
                Kind = FactorKind.RecoveryCodes,
                Name = "Recovery codes",
                Status = FactorStatus.Active,
                CreatedAt = now,
                ActivatedAt = now,
            };
            unit.Factors.Add(factor);
        }

        var old = await unit.RecoveryCodes.ListUnusedAsync(userId, cancellationToken);
        foreach (var stale in old)
        {
            stale.UsedAt = now;
        }

        for (var i = 0; i < codes.Count; i++)
        {
            unit.RecoveryCodes.Add(new RecoveryCode
            {
                Id = Guid.CreateVersion7(now),
                UserId = userId,
                Lookup = RecoveryCodeFormat.LookupOf(codes[i]),
                Hash = hashes.Value[i],
                CreatedAt = now,
            });
        }

        unit.Audit.Append(new AuditRecord(AuditEventTypes.RecoveryCodesGenerated, "ok", Actors.User(userId), Actors.Factor(factor.Id), ip,
            new Dictionary<string, object?> { ["reason"] = reason, ["count"] = codes.Count, ["invalidated"] = old.Count, ["first_set"] = first }));
        Notify.Emit(unit, userId, NotificationTypes.RecoveryCodesRegenerated, NotificationSeverity.Critical,
            first
                ? "Recovery codes were created for your account. Keep them somewhere safe. If this wasn't you, freeze your account now."
                : "New recovery codes were generated for your account; the old ones no longer work. If this wasn't you, freeze your account now.",
            new Dictionary<string, object?> { ["factor_id"] = factor.Id, ["count"] = codes.Count, ["invalidated"] = old.Count, ["ip"] = ip }, now);
        await unit.CommitAsync(cancellationToken);
        return new RecoveryCodeSet(factor, codes, now, old.Count);
    }

    private async Task<Result<string[]>> HashAsync(IReadOnlyList<string> codes, CancellationToken cancellationToken)
    {
        using var ticket = pool.TryEnter();
        if (ticket is null)
        {
            return SignInErrors.Busy();
        }

        return await ticket.RunAsync(() => codes.Select(hasher.Hash).ToArray(), cancellationToken);
    }

    private async Task<Result<Guid?>> VerifyAsync(IReadOnlyList<(Guid Id, string Hash)> rows, string code, CancellationToken cancellationToken)
    {
        using var ticket = pool.TryEnter();
        if (ticket is null)
        {
            return SignInErrors.Busy();
        }

        return await ticket.RunAsync<Guid?>(() =>
        {
            if (rows.Count == 0)
            {
                hasher.VerifyDummy(code);
                return null;
            }

            Guid? found = null;
            foreach (var (id, hash) in rows)
            {
                if (hasher.Verify(code, hash) != PasswordVerification.Failed)
                {
                    found ??= id;
                }
            }

            return found;
        }, cancellationToken);
    }

    private static async Task<Result<Candidates>> ReadCandidatesAsync(FlowContext context, string? code, CancellationToken cancellationToken)
    {
        var userId = context.User.Id;
        var throttle = await context.Unit.Throttle.FindAsync(ThrottleKeys.ForSecondFactor(userId), cancellationToken);
        var factors = await context.Unit.Factors.ListForUserAsync(userId, cancellationToken);

        // Nothing to hash when the proving step will refuse anyway: malformed, throttled, or no set (the flow lists
        // the user's factors, so that is no secret to its holder).
        if (code is null || throttle?.NextAttemptAt > context.Now || !factors.Any(f => f is { Kind: FactorKind.RecoveryCodes, IsActive: true }))
        {
            return new Candidates([], Verify: false);
        }

        var lookup = RecoveryCodeFormat.LookupOf(code);
        var rows = (await context.Unit.RecoveryCodes.ListUnusedAsync(userId, cancellationToken))
            .Where(r => string.Equals(r.Lookup, lookup, StringComparison.Ordinal))
            .Select(r => (r.Id, r.Hash))
            .ToList();
        return new Candidates(rows, Verify: true);
    }

    private static async Task<Result<FactorProof>> UseAsync(FlowContext context, bool wellFormed, Guid? matched, CancellationToken cancellationToken)
    {
        var userId = context.User.Id;
        var factor = (await context.Unit.Factors.ListForUserAsync(userId, cancellationToken))
            .FirstOrDefault(f => f is { Kind: FactorKind.RecoveryCodes, IsActive: true });
        if (factor is null)
        {
            return FactorErrors.NotAvailable();
        }

        if (!wellFormed || matched is null)
        {
            return FactorErrors.Invalid() with { Reason = wellFormed ? "wrong_code" : "malformed" };
        }

        var unused = await context.Unit.RecoveryCodes.ListUnusedAsync(userId, cancellationToken);
        var row = unused.FirstOrDefault(r => r.Id == matched);
        if (row is null)
        {
            // Used by a concurrent request, or invalidated by a regeneration, since step 1.
            return FactorErrors.Invalid() with { Reason = "used" };
        }

        row.UsedAt = context.Now;
        context.Unit.Audit.Append(new AuditRecord(AuditEventTypes.RecoveryCodeUsed, "ok", Actors.User(userId), Actors.Factor(factor.Id),
            context.Flow.Ip, new Dictionary<string, object?> { ["code_id"] = row.Id, ["remaining"] = unused.Count - 1, ["flow_id"] = context.Flow.Id }));
        Protection.Cooldowns.Start(context.Unit, userId, Protection.CooldownReasons.Recovery, context.Flow.Ip, context.Now);
        return new FactorProof(factor, AuthenticationMethods.RecoveryCode);
    }

    private static bool HasStrongFactor(IEnumerable<Factor> factors) => factors.Any(f => f.IsActive && FactorCatalog.IsStrong(f.Kind));

    private sealed record Candidates(IReadOnlyList<(Guid Id, string Hash)> Rows, bool Verify);
}
