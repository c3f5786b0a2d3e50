namespace Portcullis.Server.Api.Contracts;

/// <summary>A new notification address: <c>channel</c> <c>email</c> or <c>sms</c>, the address, an optional label.</summary>
public sealed record ContactBody(string? Channel, string? Address, string? Label);
