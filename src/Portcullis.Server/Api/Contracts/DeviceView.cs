using Portcullis.Core.Devices;

namespace Portcullis.Server.Api.Contracts;

/// <summary>The device a sign-in came from.</summary>
public sealed record DeviceView(Guid Id, string Name, DeviceKind Kind, bool New);
