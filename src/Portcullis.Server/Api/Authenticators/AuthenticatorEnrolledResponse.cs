namespace Portcullis.Server.Api.Authenticators;

/// <summary>
/// The enrolled device. With <see cref="ServerAgreementKey"/> (X25519, base64url) the device derives the same
/// offline-code seed as the gate (docs/factors-push.md); the gate sends the seed nowhere.
/// </summary>
public sealed record AuthenticatorEnrolledResponse(Guid DeviceId, Guid FactorId, string Name, string ServerAgreementKey, OfflineCodeView Offline);
