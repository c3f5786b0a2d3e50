namespace Portcullis.Server.Api.Contracts;

/// <summary>A rotation: the successor's public key (asymmetric keys), and how long the old key keeps working.</summary>
public sealed record RotateApiKeyBody(string? PublicKey, int? OverlapHours);
