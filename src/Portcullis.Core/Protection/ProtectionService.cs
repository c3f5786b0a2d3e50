using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using Portcullis.Core.Audit;
using Portcullis.Core.Notifications;
using Portcullis.Core.Persistence;
using Portcullis.Core.Policy;
using Portcullis.Core.Results;
using Portcullis.Core.Users;

namespace Portcullis.Core.Protection;

/// <summary>
/// An account's protective state for the policy engine (<see cref="LoadAsync"/>), and its freezes: set by the owner,
/// the "this wasn't me" link, an operator or the automated rule; lifted by the owner after the cool-down
/// (<see cref="ProtectionOptions.FreezeLiftDelay"/>) or by an operator at once. Everything is audited.
/// </summary>
public sealed class ProtectionService(IGateStore store, SecurityStateCache cache, IOptions<ProtectionOptions> options, TimeProvider time)
    : IAccountProtectionSource
{
    /// <summary>What the "this wasn't me" link freezes.</summary>
    public const Capability LinkFreeze = Capability.Trading | Capability.Withdrawals | Capability.Api;

    /// <summary>What the automated rule (a push sign-in denied on the authenticator) freezes.</summary>
    public const Capability PushDeniedFreeze = Capability.Withdrawals | Capability.Api;

    private const int MaxReasonLength = 200;

    private static readonly TimeSpan LiftedHistory = TimeSpan.FromDays(30);

    /// <summary>
    /// The protection of <paramref name="user"/>'s account now, from this node's <see cref="SecurityStateCache"/> when it read
    /// the rows under the user's current security version (the user must be read for the request, not kept from before).
    /// </summary>
    public async Task<AccountProtection> LoadAsync(IGateUnit unit, User user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var snapshot = await cache.GetAsync(unit, user, (u, ct) => ReadAsync(u, user.Id, now, ct), cancellationToken);
        if (snapshot.ReadAt > now)
        {
            snapshot = await ReadAsync(unit, user.Id, now, cancellationToken); // read by a request whose clock was ahead of this one's
        }

        return snapshot.At(now);
    }

    private async Task<ProtectionSnapshot> ReadAsync(IGateUnit unit, Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var freezes = (await unit.Protection.ListFreezesAsync(userId, now, cancellationToken))
            .Where(f => f.LiftedAt is null)
            .Select(f => (f.Capabilities, f.LiftEffectiveAt))
            .ToArray();
        var settingsLock = await unit.Protection.FindSettingsLockAsync(userId, cancellationToken);

        DateTimeOffset? latestCooldownEnd = null;
        var longest = o.SecurityChangeCooldown > o.RecoveryCooldown ? o.SecurityChangeCooldown : o.RecoveryCooldown;
        foreach (var cooldown in await unit.Protection.ListCooldownsAsync(userId, now - longest, cancellationToken))
        {
            var until = cooldown.StartedAt + (CooldownReasons.IsRecovery(cooldown.Reason) ? o.RecoveryCooldown : o.SecurityChangeCooldown);
            if (latestCooldownEnd is null || until > latestCooldownEnd)
            {
                latestCooldownEnd = until;
            }
        }

        var networks = await unit.Protection.ListNetworksAsync(userId, cancellationToken);
        var trusted = networks.Count == 0 ? [] : networks.Select(n => IPNetwork.Parse(n.Cidr)).ToArray();
        return new ProtectionSnapshot(now, freezes, settingsLock is not null, settingsLock?.UnlockEffectiveAt, latestCooldownEnd, trusted);
    }

    /// <summary>The user's freezes in force and those lifted in the last 30 days, newest first.</summary>
    public async Task<IReadOnlyList<Freeze>> ListFreezesAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        return await unit.Protection.ListFreezesAsync(userId, time.GetUtcNow() - LiftedHistory, cancellationToken);
    }

    /// <summary>As <see cref="ListFreezesAsync"/>, for an operator: an unknown user is <c>user.not_found</c>.</summary>
    public async Task<Result<IReadOnlyList<Freeze>>> ListUserFreezesAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        if (await unit.Users.FindAsync(userId, cancellationToken) is null)
        {
            return UserErrors.NotFound();
        }

        return Result<IReadOnlyList<Freeze>>.Success(await unit.Protection.ListFreezesAsync(userId, time.GetUtcNow() - LiftedHistory, cancellationToken));
    }

    /// <summary>Freezes <paramref name="capabilities"/> (names from <see cref="Capabilities"/>) for a user.</summary>
    public async Task<Result<Freeze>> FreezeAsync(Guid userId, IReadOnlyList<string?>? capabilities, string? reason, FreezeSource source,
        string actor, string? ip, CancellationToken cancellationToken)
    {
        var parsed = ParseCapabilities(capabilities);
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        var cleanReason = CleanReason(reason, out var reasonValid);
        if (!reasonValid)
        {
            return ProtectionErrors.ReasonInvalid();
        }

        await using var unit = await store.OpenAsync(cancellationToken);
        if (await unit.Users.FindAsync(userId, cancellationToken) is null)
        {
            return UserErrors.NotFound();
        }

        var freeze = Apply(unit, userId, parsed.Value, source, actor, cleanReason, ip, time.GetUtcNow());
        await unit.CommitAsync(cancellationToken);
        return freeze;
    }

    /// <summary>
    /// The owner asks to lift a freeze: it is lifted <see cref="ProtectionOptions.FreezeLiftDelay"/> from now, and the
    /// request is announced on every channel. Asking again while a lift is pending changes nothing (and announces it again).
    /// </summary>
    public async Task<Result<Freeze>> RequestLiftAsync(Guid userId, Guid freezeId, string? ip, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        await unit.BeginAsync(cancellationToken);
        var now = time.GetUtcNow();
        var found = await FindInForceAsync(unit, userId, freezeId, now, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var freeze = found.Value;

        var repeated = freeze.LiftEffectiveAt is not null;
        if (!repeated)
        {
            freeze.LiftRequestedAt = now;
            freeze.LiftEffectiveAt = now + options.Value.FreezeLiftDelay;
        }

        var what = Capabilities.Describe(freeze.Capabilities);
        unit.Audit.Append(new AuditRecord(AuditEventTypes.FreezeLiftRequested, repeated ? "already_pending" : "ok", Actors.User(userId),
            Actors.User(userId), ip, new Dictionary<string, object?>
            {
                ["freeze_id"] = freeze.Id,
                ["capabilities"] = what,
                ["effective_at"] = freeze.LiftEffectiveAt,
            }));
        Notify.Emit(unit, userId, NotificationTypes.FreezeLiftRequested, NotificationSeverity.Critical,
            string.Create(CultureInfo.InvariantCulture,
                $"Someone asked to lift the freeze of {what} on your account. It will be lifted at {freeze.LiftEffectiveAt:yyyy-MM-dd HH:mm} UTC. If this wasn't you, freeze your account again and change your password."),
            new Dictionary<string, object?> { ["freeze_id"] = freeze.Id, ["effective_at"] = freeze.LiftEffectiveAt, ["ip"] = ip }, now);
        await unit.CommitAsync(cancellationToken);
        return freeze;
    }

    /// <summary>An operator lifts a freeze at once (after checking the owner out of band).</summary>
    public async Task<Result<Freeze>> LiftNowAsync(Guid userId, Guid freezeId, string actor, string? ip, CancellationToken cancellationToken)
    {
        await using var unit = await store.OpenAsync(cancellationToken);
        await unit.BeginAsync(cancellationToken);
        var now = time.GetUtcNow();
        var found = await FindInForceAsync(unit, userId, freezeId, now, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var freeze = found.Value;
        freeze.LiftedAt = now;
        freeze.LiftedBy = actor;
        var what = Capabilities.Describe(freeze.Capabilities);
        unit.Audit.Append(new AuditRecord(AuditEventTypes.FreezeLifted, "operator", actor, Actors.User(userId), ip,
            new Dictionary<string, object?> { ["freeze_id"] = freeze.Id, ["capabilities"] = what }));
        Notify.Emit(unit, userId, NotificationTypes.FreezeLifted, NotificationSeverity.Critical,
            $"An operator lifted the freeze of {what} on your account. If you did not ask for this, contact support.",
            new Dictionary<string, object?> { ["freeze_id"] = freeze.Id }, now);
        await unit.CommitAsync(cancellationToken);
        return freeze;
    }

    /// <summary>
    /// Records every lift the owner asked for whose cool-down has ended (the background sweep, <c>ProtectionSweeper</c>):
    /// audits <c>freeze.lifted</c> and tells the user on every channel, once, even when several nodes sweep. The freeze
    /// stopped counting at its effective time whether or not this has run. Returns how many it recorded.
    /// </summary>
    public async Task<int> CompleteDueLiftsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<Freeze> due;
        await using (var read = await store.OpenAsync(cancellationToken))
        {
            due = await read.Protection.ListDueLiftsAsync(now, 500, cancellationToken);
        }

        var count = 0;
        foreach (var freeze in due)
        {
            await using var unit = await store.OpenAsync(cancellationToken);
            await unit.BeginAsync(cancellationToken);
            var owner = Actors.User(freeze.UserId);
            if (!await unit.Protection.TryCompleteLiftAsync(freeze.Id, owner, cancellationToken))
            {
                continue;
            }

            var what = Capabilities.Describe(freeze.Capabilities);
            unit.Audit.Append(new AuditRecord(AuditEventTypes.FreezeLifted, "cooldown_elapsed", Actors.System, owner, null,
                new Dictionary<string, object?>
                {
                    ["freeze_id"] = freeze.Id,
                    ["capabilities"] = what,
                    ["requested_at"] = freeze.LiftRequestedAt,
                    ["effective_at"] = freeze.LiftEffectiveAt,
                }));
            Notify.Emit(unit, freeze.UserId, NotificationTypes.FreezeLifted, NotificationSeverity.Critical,
                string.Create(CultureInfo.InvariantCulture,
                    $"The freeze of {what} on your account was lifted at {freeze.LiftEffectiveAt:yyyy-MM-dd HH:mm} UTC, as asked on {freeze.LiftRequestedAt:yyyy-MM-dd HH:mm} UTC. If this wasn't you, freeze your account again now."),
                new Dictionary<string, object?> { ["freeze_id"] = freeze.Id, ["effective_at"] = freeze.LiftEffectiveAt }, now);
            await unit.CommitAsync(cancellationToken);
            count++;
        }

        return count;
    }

    /// <summary>Stages a freeze in <paramref name="unit"/>, audits it and tells the user on every channel.</summary>
    public static Freeze Apply(IGateUnit unit, Guid userId, Capability capabilities, FreezeSource source, string actor, string? reason,
        string? ip, DateTimeOffset now)
    {
        var freeze = new Freeze
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Capabilities = capabilities,
            Source = source,
            SetBy = actor,
            Reason = reason,
            CreatedAt = now,
        };
        unit.Protection.AddFreeze(freeze);
        var what = Capabilities.Describe(capabilities);
        var by = SourceName(source);
        unit.Audit.Append(new AuditRecord(AuditEventTypes.FreezeSet, by, actor, Actors.User(userId), ip,
            new Dictionary<string, object?> { ["freeze_id"] = freeze.Id, ["capabilities"] = what, ["reason"] = reason }));
        Notify.Emit(unit, userId, NotificationTypes.FreezeSet, NotificationSeverity.Critical,
            source switch
            {
                FreezeSource.Owner => $"You froze {what} on your account.",
                FreezeSource.Link => $"The \"this wasn't me\" link froze {what} on your account.",
                FreezeSource.Operator => $"An operator froze {what} on your account.",
                _ => $"{what} on your account was frozen automatically after a sign-in was denied on your authenticator.",
            } + " Lifting a freeze takes effect only after a cool-down.",
            new Dictionary<string, object?> { ["freeze_id"] = freeze.Id, ["capabilities"] = what, ["source"] = by, ["ip"] = ip }, now);
        return freeze;
    }

    /// <summary>The union of capability names; at least one, each known.</summary>
    public static Result<Capability> ParseCapabilities(IReadOnlyList<string?>? names)
    {
        if (names is null || names.Count == 0 || names.Count > Capabilities.Names.Count)
        {
            return ProtectionErrors.CapabilityInvalid();
        }

        var set = Capability.None;
        foreach (var name in names)
        {
            if (!Capabilities.TryParse(name, out var capability))
            {
                return ProtectionErrors.CapabilityInvalid();
            }

            set |= capability;
        }

        return set;
    }

    public static string SourceName(FreezeSource source) => source switch
    {
        FreezeSource.Owner => "owner",
        FreezeSource.Link => "link",
        FreezeSource.Operator => "operator",
        _ => "rule",
    };

    private static string? CleanReason(string? reason, out bool valid)
    {
        var clean = new string((reason ?? string.Empty).Where(c => !char.IsControl(c)).ToArray()).Trim();
        valid = clean.Length <= MaxReasonLength;
        return clean.Length == 0 ? null : clean;
    }

    /// <summary>The user's freeze that is still in force at <paramref name="now"/> (another user's is not found).</summary>
    private static async Task<Result<Freeze>> FindInForceAsync(IGateUnit unit, Guid userId, Guid freezeId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var freeze = await unit.Protection.FindFreezeAsync(freezeId, cancellationToken);
        if (freeze is null || freeze.UserId != userId)
        {
            return ProtectionErrors.FreezeNotFound();
        }

        return freeze.IsInForce(now) ? freeze : ProtectionErrors.FreezeLifted();
    }
}
