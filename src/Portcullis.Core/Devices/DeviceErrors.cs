using Portcullis.Core.Results;

namespace Portcullis.Core.Devices;

/// <summary>Stable codes for the device registry.</summary>
public static class DeviceErrors
{
    public const string NotFoundCode = "device.not_found";

    public static Error NotFound() => new(NotFoundCode, "No such device.");
}
