namespace Portcullis.Server.Api.Authenticators;

/// <summary>A push on its way: show <see cref="Number"/> to the person signing in; they pick it on <see cref="DeviceName"/>.</summary>
public sealed record PushSentResponse(Guid ChallengeId, int Number, DateTimeOffset ExpiresAt, Guid FactorId, string DeviceName);
