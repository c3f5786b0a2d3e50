namespace Portcullis.Core.Devices;

/// <summary>What revoking a device cut off.</summary>
public sealed record DeviceRevocation(Device Device, int SessionsRevoked, int ChallengesCancelled, int FactorsRemoved);
