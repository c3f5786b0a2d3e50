using Portcullis.Core.Policy;

namespace Portcullis.Core.Protection;

/// <summary>
/// A freeze of some of a user's capabilities. It is in force from <see cref="CreatedAt"/> until it is lifted: an
/// operator lifts it at once (<see cref="LiftedAt"/>); the owner asks for a lift, which takes effect at
/// <see cref="LiftEffectiveAt"/>, after the cool-down. Until then the freeze still counts.
/// </summary>
public sealed class Freeze
{
    public required Guid Id { get; init; }

    public required Guid UserId { get; init; }

    /// <summary>What is frozen (one or more <see cref="Capability"/> flags).</summary>
    public required Capability Capabilities { get; init; }

    public required FreezeSource Source { get; init; }

    /// <summary>Who set it, as the audit log names actors (<c>user:…</c>, <c>freeze_link:…</c>, <c>cli</c>, <c>rule:…</c>).</summary>
    public required string SetBy { get; init; }

    /// <summary>Free text from whoever set it, at most 200 characters.</summary>
    public string? Reason { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the owner asked to lift it.</summary>
    public DateTimeOffset? LiftRequestedAt { get; set; }

    /// <summary>When the requested lift takes effect (request time plus the cool-down).</summary>
    public DateTimeOffset? LiftEffectiveAt { get; set; }

    /// <summary>When an operator lifted it (at once).</summary>
    public DateTimeOffset? LiftedAt { get; set; }

    public string? LiftedBy { get; set; }

    /// <summary>Whether the freeze still counts at <paramref name="now"/> (a pending lift still counts).</summary>
    public bool IsInForce(DateTimeOffset now) => LiftedAt is null && (LiftEffectiveAt is not { } effective || now < effective);

    /// <summary><c>active</c>, <c>lift_pending</c> or <c>lifted</c> at <paramref name="now"/>.</summary>
    public string StateAt(DateTimeOffset now) =>
        !IsInForce(now) ? "lifted" : LiftEffectiveAt is not null ? "lift_pending" : "active";
}
