using Portcullis.Core.Factors;

namespace Portcullis.Core.Devices;

/// <summary>A device with what is bound to it: its active sessions and its factors.</summary>
public sealed record DeviceSummary(Device Device, int ActiveSessions, IReadOnlyList<Factor> Factors);
