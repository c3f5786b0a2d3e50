namespace Portcullis.Server.Api.Authenticators;

/// <summary>How the device computes offline codes from its seed (RFC 6238).</summary>
public sealed record OfflineCodeView(int Digits, int Period, string Algorithm);
