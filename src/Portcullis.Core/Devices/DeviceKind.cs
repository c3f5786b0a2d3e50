namespace Portcullis.Core.Devices;

public enum DeviceKind
{
    Browser = 0,
    Native = 1,
}
