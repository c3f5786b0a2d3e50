using Portcullis.Core.Policy;
using Portcullis.Core.Protection;

namespace Portcullis.Server.Api.Contracts;

/// <summary>A freeze as its owner (or an operator) sees it; <c>state</c> is <c>active</c>, <c>lift_pending</c> or <c>lifted</c>.</summary>
public sealed record FreezeView(Guid Id, IReadOnlyList<string> Capabilities, string State, string Source, string? Reason,
    DateTimeOffset CreatedAt, DateTimeOffset? LiftRequestedAt, DateTimeOffset? LiftEffectiveAt, DateTimeOffset? LiftedAt)
{
    public static FreezeView From(Freeze f, DateTimeOffset now) => new(f.Id, Names(f.Capabilities), f.StateAt(now),
        ProtectionService.SourceName(f.Source), f.Reason, f.CreatedAt, f.LiftRequestedAt, f.LiftEffectiveAt, f.LiftedAt);

    /// <summary>The names of a set: <c>["all"]</c> for everything, else each capability.</summary>
    public static IReadOnlyList<string> Names(Capability set) =>
        set == Capability.All
            ? ["all"]
            : Core.Policy.Capabilities.Names.Where(n => n.Value != Capability.All && (set & n.Value) != 0).Select(n => n.Name).ToList();
}
