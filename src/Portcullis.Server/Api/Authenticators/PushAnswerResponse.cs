namespace Portcullis.Server.Api.Authenticators;

/// <summary>An accepted answer: <c>approved</c> or <c>denied</c>.</summary>
public sealed record PushAnswerResponse(Guid ChallengeId, string Status);
