namespace Portcullis.Core.Factors.Push;

/// <summary>An authenticator device whose request signature was verified just now, with its active push factor.</summary>
public sealed record AuthenticatedDevice(Guid DeviceId, Guid UserId, Guid FactorId, string Name);
