using Portcullis.Core.Factors.Push;

namespace Portcullis.Server.Api.Authenticators;

/// <summary>What <see cref="DeviceSignatureFilter"/> verified: the device, and the request body its signature covers.</summary>
internal sealed record DeviceRequestFeature(AuthenticatedDevice Device, byte[] Body);
