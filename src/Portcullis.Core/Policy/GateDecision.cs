namespace Portcullis.Core.Policy;

/// <summary>
/// What <see cref="PolicyGate.DecideAsync"/> decided, and the use it reserved against the user's caps when a capped rule
/// counts the operation and it was allowed (to be released with <see cref="PolicyGate.ReleaseAsync"/> if the request fails).
/// </summary>
public sealed record GateDecision(Decision Decision, Guid? Reservation);
