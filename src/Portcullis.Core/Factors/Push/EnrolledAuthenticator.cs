using Portcullis.Core.Devices;

namespace Portcullis.Core.Factors.Push;

/// <summary>A device enrolled as an authenticator: its registry entry, its push factor and the gate's agreement public key.</summary>
public sealed record EnrolledAuthenticator(Device Device, Factor Factor, byte[] GateAgreementKey)
{
    public override string ToString() => $"EnrolledAuthenticator {{ Device = {Device.Id}, Factor = {Factor.Id} }}";
}
