namespace Portcullis.Server.Api.Contracts;

/// <summary>How many sessions a sign-out everywhere ended.</summary>
public sealed record RevokedResponse(int Revoked);
