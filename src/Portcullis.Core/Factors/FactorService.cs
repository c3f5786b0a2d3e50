using Portcullis.Core.Audit;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;
using Portcullis.Core.Results;
using Portcullis.Core.Sessions;

namespace Portcullis.Core.Factors;

/// <summary>Listing, renaming and removing factors, and the audit and notification every binding produces.</summary>
public sealed class FactorService(IGateStore store, TimeProvider time)
{
    public async Task<IReadOnlyList<Factor>> ListAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        return await unit.Factors.ListForUserAsync(userId, cancellationToken);
    }

    public async Task<Result<Factor>> RenameAsync(SessionContext current, Guid factorId, string? name, string? ip, CancellationToken cancellationToken)
    {
        var clean = Clean(name);
        if (clean is null)
        {
            return new Error("request.invalid", "A factor name has 1–64 characters.") { Fields = new Dictionary<string, string[]> { ["name"] = ["1–64 characters."] } };
        }

        await using var unit = await store.OpenAsync(cancellationToken);
        var factor = await unit.Factors.FindAsync(factorId, cancellationToken);
        if (factor is null || factor.UserId != current.User.Id || factor.Status == FactorStatus.Removed)
        {
            return FactorErrors.NotFound();
        }

        factor.Name = clean;
        unit.Audit.Append(new AuditRecord(AuditEventTypes.FactorRenamed, "ok", Actors.User(current.User.Id), Actors.Factor(factor.Id), ip,
            new Dictionary<string, object?> { ["name"] = clean }));
        await unit.CommitAsync(cancellationToken);
        return factor;
    }

    /// <summary>Removes a factor: needs a fresh proof, and is refused for the last strong factor.</summary>
    public async Task<Result> RemoveAsync(SessionContext current, Guid factorId, string? ip, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        var factors = await unit.Factors.ListForUserAsync(current.User.Id, cancellationToken);
        var factor = factors.FirstOrDefault(f => f.Id == factorId);
        if (factor is null)
        {
            return FactorErrors.NotFound();
        }


        var allowed = FactorRules.AllowRemoval(factor, factors);
        if (!allowed.IsSuccess)
        {
            return allowed;
        }

        Remove(unit, factor, Actors.User(current.User.Id), ip, "removed_by_user", time.GetUtcNow());
        await unit.CommitAsync(cancellationToken);
        return Result.Success();
    }

    /// <summary>Marks a factor active, audits the binding and tells the user, within <paramref name="unit"/>.</summary>
    public static void Bind(IGateUnit unit, Factor factor, string? ip, DateTimeOffset now)
    {
        factor.Status = FactorStatus.Active;
        factor.ActivatedAt = now;
        var kind = FactorCatalog.WireName(factor.Kind);
        unit.Audit.Append(new AuditRecord(AuditEventTypes.FactorBound, "ok", Actors.User(factor.UserId), Actors.Factor(factor.Id), ip,
            new Dictionary<string, object?> { ["kind"] = kind, ["name"] = factor.Name, ["device_id"] = factor.DeviceId }));
        Notify.Emit(unit, factor.UserId, NotificationTypes.FactorBound, NotificationSeverity.Critical,
            $"A new second factor was added to your account: {factor.Name} ({kind}). If this wasn't you, freeze your account now.",
            new Dictionary<string, object?> { ["factor_id"] = factor.Id, ["kind"] = kind, ["ip"] = ip }, now);
        Protection.Cooldowns.Start(unit, factor.UserId, Protection.CooldownReasons.FactorAdded, ip, now);
    }

    /// <summary>
    /// After a strong factor was bound in a session opened with a recovery code, lifts the session's
    /// restriction (within <paramref name="unit"/>).
    /// </summary>
    public static async Task ClearEnrollmentRequirementAsync(IGateUnit unit, Factor bound, Guid sessionId, CancellationToken cancellationToken)
    {
        if (!FactorCatalog.IsStrong(bound.Kind))
        {
            return;
        }

        if (await unit.Sessions.FindAsync(sessionId, cancellationToken) is { FactorEnrollmentRequired: true } session)
        {
            session.FactorEnrollmentRequired = false;
        }
    }

    /// <summary>Marks a factor removed, audits it and tells the user, within <paramref name="unit"/>.</summary>
    public static void Remove(IGateUnit unit, Factor factor, string actor, string? ip, string reason, DateTimeOffset now)
    {
        if (factor.Status == FactorStatus.Removed)
        {
            return;
        }

        var wasActive = factor.IsActive;
        factor.Status = FactorStatus.Removed;
        factor.RemovedAt = now;
        factor.SecretCiphertext = null;
        var kind = FactorCatalog.WireName(factor.Kind);
        unit.Audit.Append(new AuditRecord(AuditEventTypes.FactorRemoved, reason, actor, Actors.Factor(factor.Id), ip,
            new Dictionary<string, object?> { ["kind"] = kind, ["name"] = factor.Name, ["user_id"] = factor.UserId }));
        if (wasActive)
        {
            Notify.Emit(unit, factor.UserId, NotificationTypes.FactorRemoved, NotificationSeverity.Critical,
                $"A second factor was removed from your account: {factor.Name} ({kind}). If this wasn't you, freeze your account now.",
                new Dictionary<string, object?> { ["factor_id"] = factor.Id, ["kind"] = kind, ["reason"] = reason }, now);
            Protection.Cooldowns.Start(unit, factor.UserId, Protection.CooldownReasons.FactorRemoved, ip, now);
        }
    }

    /// <summary>A user-supplied name, trimmed and without control characters, or <c>null</c> if unusable.</summary>
    public static string? Clean(string? name)
    {
        var clean = new string((name ?? string.Empty).Where(c => !char.IsControl(c)).ToArray()).Trim();
        return clean.Length is >= 1 and <= 64 ? clean : null;
    }
}
