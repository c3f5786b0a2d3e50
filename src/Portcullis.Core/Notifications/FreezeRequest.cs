namespace Portcullis.Core.Notifications;

/// <summary>What using a "this wasn't me" link did.</summary>
/// <param name="UserId">Whose account.</param>
/// <param name="SessionsRevoked">Active sessions that were ended.</param>
/// <param name="At">When.</param>
public sealed record FreezeRequest(Guid UserId, int SessionsRevoked, DateTimeOffset At);
