namespace Portcullis.Core.Devices;

/// <summary>
/// A client a user has signed in from: a browser or a native client. A device is recognised by a random
/// token (only its SHA-256 hash is stored) that the client presents at later sign-ins; a recognised device
/// has its own failure counter, so an attacker guessing from elsewhere cannot lock its owner out. Revoking
/// a device ends its sessions, pending challenges and push ability, and removes its security-key credential.
/// </summary>
public sealed class Device
{
    public required Guid Id { get; init; }

    public required Guid UserId { get; init; }

    public required string Name { get; set; }

    public required DeviceKind Kind { get; init; }

    /// <summary>SHA-256 of the recognition token of a browser or native client; <c>null</c> for other kinds.</summary>
    public byte[]? TokenHash { get; init; }

    public required DateTimeOffset FirstSeenAt { get; init; }

    public required DateTimeOffset LastSeenAt { get; set; }

    public string? LastIp { get; set; }

    /// <summary>A short platform summary, e.g. "Chrome on Linux" or "portcullis-authenticator/linux".</summary>
    public string? Platform { get; set; }

    public DeviceTrust Trust { get; set; } = DeviceTrust.New;

    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsActive => RevokedAt is null;
}
