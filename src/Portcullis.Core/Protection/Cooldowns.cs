using Portcullis.Core.Audit;
using Portcullis.Core.Persistence;

namespace Portcullis.Core.Protection;

/// <summary>
/// Starts a cool-down where a security change happens, in that change's unit of work. The policy then refuses
/// withdrawals and new destinations until it ends (<see cref="ProtectionOptions"/>); nothing can end it early.
/// </summary>
public static class Cooldowns
{
    public static void Start(IGateUnit unit, Guid userId, string reason, string? ip, DateTimeOffset now)
    {
        var cooldown = new Cooldown { Id = Guid.CreateVersion7(now), UserId = userId, Reason = reason, StartedAt = now };
        unit.Protection.AddCooldown(cooldown);
        unit.Audit.Append(new AuditRecord(AuditEventTypes.CooldownStarted, reason, Actors.User(userId), Actors.User(userId), ip,
            new Dictionary<string, object?> { ["cooldown_id"] = cooldown.Id }));
    }
}
