namespace Portcullis.Core.Protection;

/// <summary>
/// A security change that starts a cool-down on withdrawals and new destinations. Only the change and its time
/// are stored; its length comes from <see cref="ProtectionOptions"/> by <see cref="CooldownReasons.IsRecovery"/>.
/// There is no way to remove one.
/// </summary>
public sealed class Cooldown
{
    public required Guid Id { get; init; }

    public required Guid UserId { get; init; }

    /// <summary>One of <see cref="CooldownReasons"/>.</summary>
    public required string Reason { get; init; }

    public required DateTimeOffset StartedAt { get; init; }
}
