namespace Portcullis.Core.Factors.Push;

/// <summary>A request claiming to come from an authenticator device, reduced to what its signature covers.</summary>
/// <param name="Target">Path and query as sent.</param>
/// <param name="BodySha256">SHA-256 of the request body as received.</param>
public sealed record DeviceRequest(Guid DeviceId, long Timestamp, string Signature, string Method, string Target, byte[] BodySha256)
{
    public override string ToString() => $"DeviceRequest {{ Device = {DeviceId}, {Method} {Target} }}";
}
