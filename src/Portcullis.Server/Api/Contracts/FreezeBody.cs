namespace Portcullis.Server.Api.Contracts;

/// <summary>A new freeze: one or more of <c>trading</c>, <c>withdrawals</c>, <c>api</c>, <c>security_changes</c>, <c>all</c>.</summary>
public sealed record FreezeBody(IReadOnlyList<string?>? Capabilities, string? Reason);
