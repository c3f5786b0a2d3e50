using Portcullis.Core.Sessions;

namespace Portcullis.Core.Devices;

/// <summary>Names for new devices: the one the client gave, else a guess from the user agent.</summary>
public static class DeviceNames
{
    public const int MaxLength = 64;

    public static string From(string? requested, string? userAgent, SessionClient client)
    {
        var name = requested?.Trim();
        if (!string.IsNullOrEmpty(name))
        {
            return new string(name.Where(c => !char.IsControl(c)).Take(MaxLength).ToArray());
        }

        var ua = userAgent ?? string.Empty;
        var browser = Find(ua, ("Edg/", "Edge"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Safari/", "Safari"));
        var system = Find(ua, ("Windows", "Windows"), ("Android", "Android"), ("iPhone", "iPhone"), ("Mac OS", "macOS"), ("Linux", "Linux"));
        return (browser, system) switch
        {
            ({ } b, { } s) => $"{b} on {s}",
            ({ } b, null) => b,
            (null, { } s) => client == SessionClient.Browser ? $"Browser on {s}" : $"Client on {s}",
            _ => client == SessionClient.Browser ? "Browser" : "API client",
        };
    }

    private static string? Find(string userAgent, params (string Marker, string Name)[] candidates)
    {
        foreach (var (marker, name) in candidates)
        {
            if (userAgent.Contains(marker, StringComparison.Ordinal))
            {
                return name;
            }
        }

        return null;
    }
}
