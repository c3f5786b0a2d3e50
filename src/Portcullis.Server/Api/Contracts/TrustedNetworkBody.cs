namespace Portcullis.Server.Api.Contracts;

/// <summary>A network to trust: an IPv4 or IPv6 address or CIDR range, and a label (1–64 characters).</summary>
public sealed record TrustedNetworkBody(string? Cidr, string? Label);
