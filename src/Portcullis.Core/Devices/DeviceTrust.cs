namespace Portcullis.Core.Devices;

/// <summary>How far a device is trusted. Revocation is recorded apart (<see cref="Device.RevokedAt"/>).</summary>
public enum DeviceTrust
{
    /// <summary>Seen, but no second factor has been proven from it yet.</summary>
    New = 0,

    /// <summary>A sign-in with a second factor succeeded from it (or it is itself a factor's device).</summary>
    Trusted = 1,
}
