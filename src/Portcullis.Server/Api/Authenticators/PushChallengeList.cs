namespace Portcullis.Server.Api.Authenticators;

/// <summary>The device's pending pushes, oldest first (empty when a long poll ended without one).</summary>
public sealed record PushChallengeList(IReadOnlyList<PushChallengeView> Challenges);
