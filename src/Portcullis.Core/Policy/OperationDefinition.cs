namespace Portcullis.Core.Policy;

/// <summary>One entry of the operations catalogue.</summary>
/// <param name="Name">Stable dotted name, e.g. <c>order.place</c>.</param>
/// <param name="Capability">The capability a freeze of which refuses it; <see cref="Capability.None"/> for none.</param>
/// <param name="Cooldown">Refused during the cool-down after a security change (withdrawals, new destinations).</param>
/// <param name="ReadOnly">Changes nothing: an allowed read is not written to the audit log.</param>
/// <param name="Description">What it is, for people (policy docs, <c>portcullis policy operations</c>).</param>
public sealed record OperationDefinition(string Name, Capability Capability, bool Cooldown, bool ReadOnly, string Description);
