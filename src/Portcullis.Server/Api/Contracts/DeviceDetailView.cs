using Portcullis.Core.Devices;

namespace Portcullis.Server.Api.Contracts;

/// <summary>A device in the user's registry, with what is bound to it.</summary>
public sealed record DeviceDetailView(
    Guid Id,
    string Name,
    DeviceKind Kind,
    string? Platform,
    string Trust,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset LastSeenAt,
    string? LastIp,
    DateTimeOffset? RevokedAt,
    bool Current,
    int ActiveSessions,
    IReadOnlyList<FactorView> Factors)
{
    public static DeviceDetailView From(DeviceSummary s, Guid? currentDeviceId) => new(
        s.Device.Id,
        s.Device.Name,
        s.Device.Kind,
        s.Device.Platform,
        s.Device.RevokedAt is not null ? "revoked" : s.Device.Trust == DeviceTrust.Trusted ? "trusted" : "new",
        s.Device.FirstSeenAt,
        s.Device.LastSeenAt,
        s.Device.LastIp,
        s.Device.RevokedAt,
        s.Device.Id == currentDeviceId,
        s.ActiveSessions,
        s.Factors.Select(FactorView.From).ToList());
}
